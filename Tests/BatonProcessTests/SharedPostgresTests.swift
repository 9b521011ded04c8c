import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// Two `baton serve` processes on one PostgreSQL database, both pointed at one sandbox process: any request may
/// land on any instance, and concurrent requests on both still start an action once.
@Suite(
    "Two baton serve instances on one PostgreSQL database", .serialized,
    .disabled(if: PostgresTestDatabase.skipped, "BATON_SKIP_POSTGRES=1")
)
struct SharedPostgresTests {
    @Test("A client alternating between two instances finishes the workflow, with one of each resource per app")
    func alternatingInstancesFinishTheWorkflow() async throws {
        try await SharedPostgresCluster.run { cluster in
            let client = cluster.alternatingClient()
            let driver = CrashTolerantDriver(client: client)
            let workflow = try await driver.initialize(CrashTolerantDriver.initBody(owner: cluster.owner))
            let results = try await driver.drive(workflow)
            for app in workflow.apps {
                let statuses = results[app.id] ?? []
                #expect(statuses.map(\.action) == app.actions.map(\.id))
                for status in statuses {
                    #expect(status.state == .succeeded, "\(app.id)/\(status.action): \(status.message)")
                }
            }
            let final = try await driver.workflowStatus(workflow)
            #expect(final.state == .succeeded)
            #expect(client.retries == 0, "both instances stayed up")
            let snapshot = try await cluster.sandbox.state()
            let problems = snapshot.problemsAfterWorkflow(
                apps: workflow.apps.map(\.id), owner: cluster.owner, domain: "example.com", envKeys: ["app-a": ["DATABASE_URL"]])
            #expect(problems.isEmpty, "two instances: \(problems)")
        }
    }

    @Test("Twenty concurrent triggers of one action over both instances start it once")
    func concurrentTriggersStartOnce() async throws {
        try await SharedPostgresCluster.run { cluster in
            let client = cluster.alternatingClient()
            let driver = CrashTolerantDriver(client: client)
            let workflow = try await driver.initialize(CrashTolerantDriver.initBody(owner: cluster.owner))
            let trigger = #"{"mode":"trigger","workflowId":"\#(workflow.workflowID)","app":"app-a","action":"fork-repository"}"#
            let replies = try await withThrowingTaskGroup(of: JSONReply.self) { group in
                for index in 0..<20 {
                    group.addTask { try await client.post(trigger, token: workflow.token, to: index) }
                }
                return try await group.reduce(into: [JSONReply]()) { $0.append($1) }
            }
            #expect(replies.count == 20)
            for reply in replies {
                #expect(reply.status == 200 || reply.status == 202, "\(reply.status): \(reply.text)")
                let status = try reply.decode(ActionStatus.self)
                #expect(status.attempt == 1)
                #expect(status.state == .running || status.state == .succeeded, "\(status.state): \(status.message)")
            }
            let first = try replies[0].decode(ActionStatus.self)
            let end = try await driver.waitForEnd(workflow, "app-a", "fork-repository", from: first)
            #expect(end.state == .succeeded, "\(end.message)")
            #expect(end.attempt == 1)

            let snapshot = try await cluster.sandbox.state()
            #expect(snapshot.calls("POST /repos/{owner}/{repo}/forks") == 1, "\(snapshot.calls)")
            #expect(snapshot.createdRepositories.map(\.fullName) == ["\(cluster.owner)/app-a"])
            let final = try await driver.workflowStatus(workflow)
            let starts = (final.history ?? []).filter { $0.app == "app-a" && $0.action == "fork-repository" && $0.to == .running }
            #expect(starts.count == 1, "\(starts)")
            let action = final.apps.first { $0.id == "app-a" }?.actions.first { $0.action == "fork-repository" }
            #expect(action?.attempt == 1)
            #expect(action?.state == .succeeded)
        }
    }
}
