import BatonCore
import BatonTestSupport
import Testing

@Suite("Concurrent requests over HTTP")
struct ConcurrencyTests {
    @Test func twentyConcurrentTriggersStartAnActionOnce() async throws {
        let server = try LiveServer(.slowStart(.milliseconds(100)))
        try await server.run { client in
            let (_, workflow) = try await client.initialize()
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await client.trigger(workflow, "app-a", "fork-repository").status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 200 || $0 == 202 })
            let key = CallLog.Key(workflowID: workflow.workflowID, app: "app-a", action: "fork-repository")
            #expect(server.log.count(.start, key) == 1)
            #expect(server.log.maxConcurrent(key) == 1)
        }
    }
}
