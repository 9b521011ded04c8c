import BatonCore
import BatonTestSupport
import Foundation
import Testing

@Suite("Workflow engine")
struct WorkflowEngineTests {
    @Test func initStoresThePlanWithoutPlaintextSecretsOrToken() async throws {
        let harness = try EngineHarness()
        let workflow = try await harness.initialize()
        #expect(workflow.apps.map(\.id) == ["app-a", "app-b", "app-c"])
        #expect(workflow.definitionVersion == harness.engine.definitionVersion)
        let stored = try #require(await harness.store.fetch(id: workflow.workflowID))
        let document = String(decoding: try JSONEncoder().encode(stored), as: UTF8.self)
        #expect(!document.contains("secret-value"))
        #expect(!document.contains(workflow.token))
        #expect(stored.version == 1)
    }

    @Test func triggerRunsAnInstantActionToSuccessWithinTheRequest() async throws {
        let harness = try EngineHarness(.instant)
        let workflow = try await harness.initialize()
        let status = try await harness.trigger(workflow, "app-a", "fork-repository")
        #expect(status.state == .succeeded && status.attempt == 1 && status.pollAfterMs == nil)
        #expect(status.outputs["app"] == "app-a")
        let again = try await harness.trigger(workflow, "app-a", "fork-repository")
        #expect(again.state == .succeeded && again.attempt == 1)
        #expect(harness.log.count(.start, harness.key(workflow, "app-a", "fork-repository")) == 1)
    }

    @Test func statusPollsARunningActionAtMostOncePerPollAfter() async throws {
        // A poll interval long enough that five quick status calls fit in it even on a loaded machine.
        let harness = try EngineHarness(.succeedAfterPolls(3, pollAfter: .milliseconds(1500)))
        let workflow = try await harness.initialize()
        let key = harness.key(workflow, "app-a", "fork-repository")
        let started = try await harness.trigger(workflow, "app-a", "fork-repository")
        #expect(started.state == .running && started.pollAfterMs! > 0 && started.pollAfterMs! <= 1500)
        for _ in 0..<5 { _ = try await harness.status(workflow, "app-a", "fork-repository") }
        #expect(harness.log.count(.poll, key) == 0, "not due yet")
        try await Task.sleep(for: .milliseconds(1520))
        for _ in 0..<5 { _ = try await harness.status(workflow, "app-a", "fork-repository") }
        #expect(harness.log.count(.poll, key) == 1)
    }

    @Test func longPollAdvancesTheActionUntilItChanges() async throws {
        let clock = ManualClock()
        let harness = try EngineHarness(.succeedAfterPolls(3, pollAfter: .milliseconds(20)), clock: clock)
        let workflow = try await harness.initialize()
        _ = try await harness.trigger(workflow, "app-a", "fork-repository")
        let polling = Task { try await harness.status(workflow, "app-a", "fork-repository", waitMs: 5000) }
        // Time moves 20 ms at a time while the long poll runs (at most 5 s of it, the wait), however the steps interleave.
        let stepping = Task {
            for _ in 0..<250 where !Task.isCancelled {
                clock.advance(by: 0.02)
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
        let status = try await polling.value
        stepping.cancel()
        #expect(status.state == .succeeded)
        #expect(status.message == "Done after 3 polls")
        #expect(harness.log.count(.poll, harness.key(workflow, "app-a", "fork-repository")) == 3)
    }

    @Test func longPollOnAPendingActionWakesWhenAnotherRequestTriggersIt() async throws {
        let harness = try EngineHarness(.succeedAfterPolls(1, pollAfter: .milliseconds(10)))
        let workflow = try await harness.initialize()
        let clock = ContinuousClock()
        let started = clock.now
        async let waited = harness.status(workflow, "app-a", "fork-repository", waitMs: 30_000)
        try await Task.sleep(for: .milliseconds(100))
        _ = try await harness.trigger(workflow, "app-a", "fork-repository")
        let status = try await waited
        #expect(status.state != .pending)
        #expect(clock.now - started < .seconds(15), "woken by the trigger, long before its 30 s wait ran out")
    }

    @Test func longPollReturnsWhenTheWaitRunsOut() async throws {
        let harness = try EngineHarness()
        let workflow = try await harness.initialize()
        let clock = ContinuousClock()
        let started = clock.now
        let status = try await harness.status(workflow, "app-a", "deploy", waitMs: 150)
        #expect(status.state == .pending)
        #expect(clock.now - started >= .milliseconds(150))
    }

    @Test func waitIsCappedByTheRequestBudget() async throws {
        let harness = try EngineHarness(budget: .milliseconds(200))
        let workflow = try await harness.initialize()
        let clock = ContinuousClock()
        let started = clock.now
        _ = try await harness.status(workflow, "app-a", "deploy", waitMs: 60_000)
        #expect(clock.now - started < .seconds(20), "the 200 ms budget, not the 60 s wait, ended it")
    }

    @Test func aStartThatOverrunsTheBudgetIsCutOffAndContinuedByTheNextRequest() async throws {
        let harness = try EngineHarness(.instant, overrides: ["fork-repository": .overrunBudget], budget: .milliseconds(150))
        let workflow = try await harness.initialize()
        let clock = ContinuousClock()
        let started = clock.now
        let first = try await harness.trigger(workflow, "app-a", "fork-repository")
        #expect(clock.now - started < .seconds(30), "the request returns at its 150 ms budget, not after the hour-long start")
        #expect(first.state == .running && first.attempt == 1)
        let key = harness.key(workflow, "app-a", "fork-repository")
        #expect(harness.log.count(.start, key) == 1)
        #expect(harness.log.maxConcurrent(key) == 1)
        let next = try await harness.status(workflow, "app-a", "fork-repository")
        #expect(next.state == .running && next.attempt == 1)
        #expect(harness.log.count(.start, key) == 2, "the next request runs start again, in the same attempt")
    }

    @Test func failuresAreReportedAndATriggerStartsANewAttempt() async throws {
        let harness = try EngineHarness(.instant, overrides: ["fork-repository": .failFirstAttempts(1)])
        let workflow = try await harness.initialize()
        let failed = try await harness.trigger(workflow, "app-a", "fork-repository")
        #expect(failed.state == .failed && failed.error?.retryable == true && failed.error?.code == "flaky")
        let retried = try await harness.trigger(workflow, "app-a", "fork-repository")
        #expect(retried.state == .succeeded && retried.attempt == 2)
    }

    @Test func unexpectedErrorsBecomeRetryableFailuresWithoutDetails() async throws {
        let harness = try EngineHarness(.instant, overrides: ["fork-repository": .throwUnexpectedly])
        let workflow = try await harness.initialize()
        let status = try await harness.trigger(workflow, "app-a", "fork-repository")
        #expect(status.state == .failed)
        #expect(status.error == ActionFailure(
            code: "action_error", message: "Create the GitHub repository stopped with an unexpected error.", retryable: true,
            fix: "Trigger the action again; if it keeps failing, the server's log has the error."
        ))
    }

    @Test func concurrentTriggersStartAnActionOnce() async throws {
        let harness = try EngineHarness(.slowStart(.milliseconds(50)))
        let workflow = try await harness.initialize()
        let states = try await withThrowingTaskGroup(of: ActionState.self) { group in
            for _ in 0..<20 {
                group.addTask { try await harness.trigger(workflow, "app-b", "fork-repository").state }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(states.count == 20)
        let key = harness.key(workflow, "app-b", "fork-repository")
        #expect(harness.log.count(.start, key) == 1)
        #expect(harness.log.maxConcurrent(key) == 1)
    }

    @Test func concurrentStatusRequestsNeverPollTwiceAtOnce() async throws {
        let harness = try EngineHarness(.succeedAfterPolls(4, pollAfter: .milliseconds(5)))
        let workflow = try await harness.initialize()
        _ = try await harness.trigger(workflow, "app-a", "fork-repository")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<16 {
                group.addTask { _ = try await harness.status(workflow, "app-a", "fork-repository", waitMs: 2000) }
            }
            try await group.waitForAll()
        }
        let key = harness.key(workflow, "app-a", "fork-repository")
        #expect(harness.log.maxConcurrent(key) == 1)
        #expect(harness.log.count(.poll, key) <= 4)
        // On a loaded machine one long poll may end at the request budget before the last polls are due: ask again.
        var final = try await harness.status(workflow, "app-a", "fork-repository", waitMs: 2000)
        for _ in 0..<10 where final.state == .running {
            final = try await harness.status(workflow, "app-a", "fork-repository", waitMs: 2000)
        }
        #expect(final.state == .succeeded)
        #expect(harness.log.count(.poll, key) <= 4)
    }

    @Test func actionsReceiveTheirAppsEnvValuesWhichAreErasedOnceApplied() async throws {
        let harness = try EngineHarness()
        let workflow = try await harness.initialize()
        for action in ["fork-repository", "create-project", "configure-env"] {
            _ = try await harness.trigger(workflow, "app-a", action)
        }
        #expect(harness.log.envValues(harness.key(workflow, "app-a", "configure-env")) == ["DATABASE_URL": "postgres://secret-value"])
        let stored = try #require(await harness.store.fetch(id: workflow.workflowID))
        #expect(stored.sealedEnv["app-a"] == nil)
        _ = try await harness.trigger(workflow, "app-a", "deploy")
        #expect(harness.log.envValues(harness.key(workflow, "app-a", "deploy")).isEmpty)
    }

    @Test func aChangedDefinitionRefusesTriggersOfOlderWorkflows() async throws {
        let store = MemoryWorkflowStore()
        let before = try EngineHarness(store: store)
        let workflow = try await before.initialize()
        var catalog = Catalog.builtIn
        catalog.apps[0].framework = "remix"
        let after = try EngineHarness(store: store, catalog: catalog)
        let error = await #expect(throws: APIError.self) {
            _ = try await after.trigger(workflow, "app-a", "fork-repository")
        }
        #expect(error?.code == "definition_changed")
        #expect(try await before.trigger(workflow, "app-a", "fork-repository").state == .succeeded)
    }

    @Test func wholeWorkflowStatusSummarisesAppsAndHistory() async throws {
        let harness = try EngineHarness()
        let workflow = try await harness.initialize(apps: ["app-b", "app-c"], domain: nil, envVars: [:])
        for action in ["fork-repository", "create-project", "deploy"] {
            _ = try await harness.trigger(workflow, "app-b", action)
        }
        let status = try await harness.workflowStatus(workflow, history: true)
        #expect(status.apps.map(\.state) == [.succeeded, .pending])
        #expect(status.state == .running)
        let history = try #require(status.history)
        #expect(history.count == 6)
        #expect(history.first?.to == .running && history.last?.to == .succeeded)
        #expect(try await harness.workflowStatus(workflow).history == nil, "the history only when asked")
    }
}
