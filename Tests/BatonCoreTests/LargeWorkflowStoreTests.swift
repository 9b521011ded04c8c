import BatonCore
import BatonStores
import BatonTestSupport
import Foundation
import Logging
import Testing

/// Every store through one workflow of 200 apps, driven as a client fleet would drive it: every app at once, each
/// action triggered twice at the same moment (a double click), then long-polled to its end. On SQLite the server
/// "crashes" half-way — every request in flight is abandoned and a new store and engine open the same file — and the
/// workflow is finished from there.
@Suite("Large workflows: stores")
struct LargeWorkflowStoreTests {
    static let appCount = 200

    /// An engine over `store` with scripted actions that each need one poll, and the 200-app catalog.
    private static func harness(_ store: any WorkflowStore, log: CallLog? = nil, sealer: EnvSealer = .ephemeral()) throws -> EngineHarness {
        try EngineHarness(
            .succeedAfterPolls(1, pollAfter: .milliseconds(20)), store: store,
            catalog: LargeWorkflowValidationTests.catalog(appCount), log: log, sealer: sealer
        )
    }

    private static func initialize(_ harness: EngineHarness) async throws -> InitResponse {
        let apps = (1...appCount).map { "app-\($0)" }
        return try await harness.initialize(
            apps: apps, domain: nil, envVars: Dictionary(uniqueKeysWithValues: apps.map { ($0, ["DATABASE_URL": "postgres://db/\($0)"]) })
        )
    }

    @Test(arguments: TestStoreKind.available)
    func twoHundredAppsAtOnceStartEveryActionOnceWithAConsistentHistory(kind: TestStoreKind) async throws {
        try await kind.withStore { store, _ in
            let harness = try Self.harness(store)
            let workflow = try await Self.initialize(harness)
            try await Self.drive(workflow, with: harness, apps: workflow.apps)
            try await Self.checkFinished(workflow, harness: harness)
        }
    }

    @Test func twoHundredAppsOnSQLiteFinishAfterACrashHalfWay() async throws {
        let context = try await TestStoreContext(kind: .sqlite)
        let environment = ["BATON_SECRET_KEY": context.secretKey]
        let log = CallLog()
        let sealer = EnvSealer.ephemeral()  // the server's key, the same after the restart
        let workflow: InitResponse
        // The first server: drives every app until half the actions succeeded, then is gone mid-flight.
        do {
            let configured = try ConfiguredStore.open(context.location, environment: environment, logger: Logger(label: "test.store"))
            workflow = try await configured.withPrepared { store in
                let harness = try Self.harness(store, log: log, sealer: sealer)
                let workflow = try await Self.initialize(harness)
                let total = workflow.apps.reduce(0) { $0 + $1.actions.count }
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { try? await Self.drive(workflow, with: harness, apps: workflow.apps) }
                    while log.total(.poll) < total / 2 { try? await Task.sleep(for: .milliseconds(5)) }
                    group.cancelAll()
                }
                return workflow
            }
        }
        let halfWay = try #require(try await ConfiguredStore.open(context.location, environment: environment, logger: Logger(label: "test.store"))
            .withPrepared { store in try await store.fetch(id: workflow.workflowId) })
        let succeeded = halfWay.apps.flatMap(\.actions).filter { $0.state == .succeeded }.count
        #expect(succeeded > 0 && succeeded < halfWay.apps.flatMap(\.actions).count, "the crash fell mid-workflow (\(succeeded) done)")

        // The restarted server: a new store on the same file, a new engine; the client drives on from where it is.
        let configured = try ConfiguredStore.open(context.location, environment: environment, logger: Logger(label: "test.store"))
        try await configured.withPrepared { store in
            let harness = try Self.harness(store, log: log, sealer: sealer)
            try await Self.drive(workflow, with: harness, apps: workflow.apps)
            try await Self.checkFinished(workflow, harness: harness)
        }
    }

    /// Drives `apps` at once: for each, each action in order, triggered twice concurrently, then long-polled to its end.
    private static func drive(_ workflow: InitResponse, with harness: EngineHarness, apps: [PlannedApp]) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for app in apps {
                group.addTask {
                    for action in app.actions {
                        async let first = harness.trigger(workflow, app.id, action.id)
                        async let second = harness.trigger(workflow, app.id, action.id)
                        var status = try await first
                        _ = try await second
                        while status.state == .running || status.state == .pending {
                            try Task.checkCancellation()
                            status = try await harness.status(workflow, app.id, action.id, waitMs: 2_000)
                        }
                        guard status.state == .succeeded else {
                            throw TestStoreError("\(app.id)/\(action.id) ended \(status.state): \(status.message)")
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Every action succeeded, was started exactly once, and the history holds each one's two transitions in order.
    private static func checkFinished(_ workflow: InitResponse, harness: EngineHarness) async throws {
        let status = try await harness.workflowStatus(workflow, history: true)
        #expect(status.state == .succeeded)
        #expect(status.apps.count == appCount)
        let history = try #require(status.history)
        var transitions: [String: [String]] = [:]
        for entry in history { transitions["\(entry.app)/\(entry.action)", default: []].append("\(entry.from)>\(entry.to)") }
        var problems: [String] = []
        for app in status.apps {
            for action in app.actions {
                let key = harness.key(workflow, app.id, action.action)
                if harness.log.count(.start, key) != 1 { problems.append("\(app.id)/\(action.action) started \(harness.log.count(.start, key)) times") }
                if action.state != .succeeded || action.attempt != 1 { problems.append("\(app.id)/\(action.action) is \(action.state), attempt \(action.attempt)") }
                let seen = transitions["\(app.id)/\(action.action)"] ?? []
                if seen != ["pending>running", "running>succeeded"] { problems.append("\(app.id)/\(action.action) history \(seen)") }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(10))")
        #expect(history.count == status.apps.reduce(0) { $0 + $1.actions.count } * 2)
    }
}
