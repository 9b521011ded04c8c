import BatonCore
import Foundation
import Testing

/// The cases every ``WorkflowStore`` must pass.
@Suite("Workflow store contract")
struct WorkflowStoreContractTests {
    static func stores() -> [any WorkflowStore] {
        [MemoryWorkflowStore()]
    }

    @Test(arguments: stores())
    func insertsFetchesAndRefusesDuplicates(store: any WorkflowStore) async throws {
        let record = Fixtures.record()
        try await store.insert(record)
        let fetched = try #require(try await store.fetch(id: record.id))
        #expect(fetched.version == 1)
        #expect(fetched.apps == record.apps && fetched.config == record.config && fetched.sealedEnv == record.sealedEnv)
        await #expect(throws: WorkflowStoreError.duplicateID(record.id)) { try await store.insert(record) }
        #expect(try await store.fetch(id: "wf_missing") == nil)
    }

    @Test(arguments: stores())
    func updatesAreCompareAndSet(store: any WorkflowStore) async throws {
        try await store.insert(Fixtures.record())
        var current = try #require(try await store.fetch(id: "wf_test"))
        current.canceled = true
        let stored = try #require(try await store.update(current))
        #expect(stored.version == 2 && stored.canceled)
        #expect(try await store.update(current) == nil, "a stale version loses")
        #expect(try await store.fetch(id: "wf_test")?.version == 2)
    }

    @Test(arguments: stores())
    func fiftyConcurrentUpdatesAtOneVersionHaveOneWinner(store: any WorkflowStore) async throws {
        try await store.insert(Fixtures.record())
        let base = try #require(try await store.fetch(id: "wf_test"))
        let winners = try await withThrowingTaskGroup(of: Int?.self) { group in
            for writer in 0..<50 {
                group.addTask {
                    var candidate = base
                    candidate.apps[0].actions[0].message = "writer \(writer)"
                    return try await store.update(candidate) == nil ? nil : writer
                }
            }
            return try await group.reduce(into: [Int]()) { if let winner = $1 { $0.append(winner) } }
        }
        #expect(winners.count == 1)
        let final = try #require(try await store.fetch(id: "wf_test"))
        #expect(final.version == 2 && final.apps[0].actions[0].message == "writer \(winners[0])")
    }

    @Test(arguments: stores())
    func deletesWorkflowsCreatedBeforeADate(store: any WorkflowStore) async throws {
        var old = Fixtures.record()
        old.id = "wf_old"
        var fresh = Fixtures.record()
        fresh.id = "wf_fresh"
        fresh.createdAt = old.createdAt.addingTimeInterval(3600)
        try await store.insert(old)
        try await store.insert(fresh)
        #expect(try await store.deleteWorkflows(createdBefore: old.createdAt.addingTimeInterval(60)) == 1)
        #expect(try await store.fetch(id: "wf_old") == nil)
        #expect(try await store.fetch(id: "wf_fresh") != nil)
    }
}
