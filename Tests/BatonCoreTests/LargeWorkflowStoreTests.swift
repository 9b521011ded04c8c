import BatonCore
import BatonStores
import BatonTestSupport
import Foundation
import Logging
import Synchronization
import Testing

/// Every store through one workflow of 200 apps, driven as a fleet of clients would drive it: 50 apps in flight at
/// once, each action triggered twice at the same moment (a double click), then long-polled to its end. On SQLite the
/// server "crashes" half-way — every request in flight is abandoned and a new store and engine open the same file —
/// and the workflow is finished from there.
///
/// These tests load both cores for a while: `scripts/test` runs them after the other suites, on their own.
@Suite("Large workflows: stores", .serialized)
struct LargeWorkflowStoreTests {
    static let appCount = 200
    /// How many apps are driven at once.
    static let appsInFlight = 50

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
        let acknowledged = Acknowledged()
        let workflow: InitResponse
        // The first server: drives the apps until half the actions were polled, then is gone mid-flight.
        do {
            let configured = try ConfiguredStore.open(context.location, environment: environment, logger: Logger(label: "test.store"))
            workflow = try await configured.withPrepared { store in
                let harness = try Self.harness(store, log: log, sealer: sealer)
                let workflow = try await Self.initialize(harness)
                let total = workflow.apps.reduce(0) { $0 + $1.actions.count }
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { try? await Self.drive(workflow, with: harness, apps: workflow.apps, acknowledged: acknowledged) }
                    while log.total(.poll) < total / 2 { try? await Task.sleep(for: .milliseconds(5)) }
                    group.cancelAll()
                }
                return workflow
            }
        }
        let halfWay = try #require(try await ConfiguredStore.open(context.location, environment: environment, logger: Logger(label: "test.store"))
            .withPrepared { store in try await store.fetch(id: workflow.workflowID) })
        let actions = halfWay.apps.flatMap { app in app.actions.map { ("\(app.id)/\($0.id)", $0) } }
        let succeeded = Set(actions.filter { $0.1.state == .succeeded }.map(\.0))
        #expect(!succeeded.isEmpty && succeeded.count < actions.count, "the crash fell mid-workflow (\(succeeded.count) done)")
        #expect(acknowledged.keys.isSubset(of: succeeded), "every success a client was told of was stored")
        // A step in flight at the crash never recorded its outcome: once its claim lapses it runs again (real actions
        // then adopt what the first run created: the process crash trials prove that against the providers).
        let inFlight = Set(actions.filter { $0.1.state == .running }.map(\.0))

        // The restarted server: a new store on the same file, a new engine; the client drives on from where it is.
        let configured = try ConfiguredStore.open(context.location, environment: environment, logger: Logger(label: "test.store"))
        try await configured.withPrepared { store in
            let harness = try Self.harness(store, log: log, sealer: sealer)
            try await Self.drive(workflow, with: harness, apps: workflow.apps)
            try await Self.checkFinished(workflow, harness: harness, interrupted: inFlight)
        }
    }

    /// The actions a client was told succeeded ("app/action").
    final class Acknowledged: Sendable {
        private let state = Mutex<Set<String>>([])
        func add(_ key: String) { state.withLock { _ = $0.insert(key) } }
        var keys: Set<String> { state.withLock { $0 } }
    }

    /// Drives `apps`, ``appsInFlight`` at once: for each, each action in order, triggered twice concurrently, then
    /// long-polled to its end.
    private static func drive(
        _ workflow: InitResponse, with harness: EngineHarness, apps: [PlannedApp], acknowledged: Acknowledged? = nil
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (number, app) in apps.enumerated() {
                if number >= appsInFlight { try await group.next() }
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
                        acknowledged?.add("\(app.id)/\(action.id)")
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Every action succeeded in its first attempt, was started exactly once (at most twice when `interrupted` names it:
    /// its step was in flight at a crash), and the history holds each one's two transitions in order.
    private static func checkFinished(_ workflow: InitResponse, harness: EngineHarness, interrupted: Set<String> = []) async throws {
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
                let starts = harness.log.count(.start, key)
                let allowed = interrupted.contains("\(app.id)/\(action.action)") ? 1...2 : 1...1
                if !allowed.contains(starts) { problems.append("\(app.id)/\(action.action) started \(starts) times") }
                if action.state != .succeeded || action.attempt != 1 { problems.append("\(app.id)/\(action.action) is \(action.state), attempt \(action.attempt)") }
                let seen = transitions["\(app.id)/\(action.action)"] ?? []
                if seen != ["pending>running", "running>succeeded"] { problems.append("\(app.id)/\(action.action) history \(seen)") }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(10))")
        #expect(history.count == status.apps.reduce(0) { $0 + $1.actions.count } * 2)
    }
}
