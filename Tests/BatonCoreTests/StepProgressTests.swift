import BatonCore
import BatonTestSupport
import Foundation
import Synchronization
import Testing

/// Progress inside a step survives the request budget, and cancel stops the provider work a step started.
@Suite("Progress inside a step, and stopping canceled work")
struct StepProgressTests {
    @Test func aStepCutOffAfterRecordingProgressResumesThereInsteadOfStartingAgain() async throws {
        let action = RecordingAction()
        let harness = try EngineHarness(.instant, budget: .milliseconds(300), custom: ["fork-repository": action])
        let workflow = try await harness.initialize(apps: ["app-b"], domain: nil, envVars: [:])
        let cut = try await harness.trigger(workflow, "app-b", "fork-repository")
        #expect(cut.state == .running && cut.message == "Created the thing")
        #expect(cut.pollAfterMs == 0, "recorded progress is due at once")
        let done = try await harness.status(workflow, "app-b", "fork-repository")
        #expect(done.state == .succeeded && done.message == "Resumed from created")
        #expect(action.calls == ["start", "poll"], "the effect before the cut is not repeated")
    }

    /// A long poll keeps stepping a running action, but starts no step with less of the budget left than its last
    /// step took: that step would be cut off midway, and a creating call in it sent again by the next request.
    @Test func aLongPollStartsNoStepItsBudgetCannotFit() async throws {
        let clock = ManualClock()
        let action = TimedStepAction(clock: clock, stepSeconds: 1.3)
        let harness = try EngineHarness(.instant, budget: .milliseconds(3600), clock: clock, custom: ["fork-repository": action])
        let workflow = try await harness.initialize(apps: ["app-b"], domain: nil, envVars: [:])
        _ = try await harness.trigger(workflow, "app-b", "fork-repository")
        let status = try await harness.status(workflow, "app-b", "fork-repository", waitMs: 5000)
        #expect(status.state == .running)
        #expect(action.budgetLeftAtEachStep == [3.6, 3.6, 2.3], "two steps in the long poll; a third, with 1.0 s left, is not started")
    }

    @Test func aCanceledWorkflowStopsAStepAtItsNextRecord() async throws {
        let action = RecordingAction(waitBeforeRecording: .milliseconds(300))
        let harness = try EngineHarness(.instant, custom: ["fork-repository": action])
        let workflow = try await harness.initialize(apps: ["app-b"], domain: nil, envVars: [:])
        let triggering = Task { try await harness.trigger(workflow, "app-b", "fork-repository") }
        try await Task.sleep(for: .milliseconds(100))
        _ = try await harness.cancel(workflow)
        let answer = try await triggering.value
        #expect(answer.state == .canceled)
        #expect(action.calls == ["start", "record refused"], "nothing runs after the claim was lost")
    }

    @Test func cancelStopsWhatRunningActionsStartedAndReportsWhatIsLeft() async throws {
        let stoppable = StoppableAction(failingStops: 1)
        let harness = try EngineHarness(.instant, custom: ["deploy": stoppable])
        let workflow = try await harness.initialize(apps: ["app-a", "app-b"], domain: nil, envVars: [:])
        for action in ["fork-repository", "create-project", "deploy"] {
            _ = try await harness.trigger(workflow, "app-b", action)
        }
        _ = try await harness.trigger(workflow, "app-a", "fork-repository")

        let canceled = try await harness.cancel(workflow)
        #expect(canceled.state == .canceled)
        #expect(canceled.pendingCancellations.map(\.app) == ["app-b"], "the first stop failed; it is still pending")
        #expect(canceled.pendingCancellations.first?.message.contains("provider had a hiccup") == true)
        #expect(stoppable.stopped == [], "the failed try stopped nothing")

        let later = try await harness.workflowStatus(workflow)
        #expect(later.pendingCancellations.isEmpty)
        #expect(stoppable.stopped == ["build-1"])
        let deploy = try #require(later.apps.first { $0.id == "app-b" }?.actions.first { $0.action == "deploy" })
        #expect(deploy.state == .canceled && deploy.message == "Canceled; canceled build-1")
        let fork = try #require(later.apps.first { $0.id == "app-a" }?.actions.first)
        #expect(fork.state == .succeeded, "finished actions stay as they were")

        _ = try await harness.workflowStatus(workflow)
        _ = try await harness.cancel(workflow)
        #expect(stoppable.stopCalls == 2, "a finished stop is not tried again")
    }
}

/// Records `created` in its first step, then hangs until cut off; `poll` finishes from the record.
final class RecordingAction: DeploymentAction {
    private let log = Mutex<[String]>([])
    private let waitBeforeRecording: Duration

    init(waitBeforeRecording: Duration = .zero) {
        self.waitBeforeRecording = waitBeforeRecording
    }

    var calls: [String] { log.withLock { $0 } }

    func start(_ context: ActionContext) async throws -> ActionOutcome {
        log.withLock { $0.append("start") }
        try await Task.sleep(for: waitBeforeRecording)
        do {
            try await context.recordProgress(ActionProgress(checkpoint: "created", pollAfter: .seconds(60), message: "Created the thing"))
        } catch {
            log.withLock { $0.append("record refused") }
            throw error
        }
        try await Task.sleep(for: .seconds(3600))
        return .succeeded(outputs: [:], message: "Too late")
    }

    func poll(_ context: ActionContext, checkpoint: JSONValue) async throws -> ActionOutcome {
        log.withLock { $0.append("poll") }
        return .succeeded(outputs: [:], message: "Resumed from \(checkpoint.stringValue ?? "?")")
    }
}

/// Every step takes `stepSeconds` of the manual clock and keeps running, due again at once; logs how much of the
/// request's budget was left when each began.
final class TimedStepAction: DeploymentAction {
    private let clock: ManualClock
    private let stepSeconds: TimeInterval
    private let log = Mutex<[TimeInterval]>([])

    init(clock: ManualClock, stepSeconds: TimeInterval) {
        self.clock = clock
        self.stepSeconds = stepSeconds
    }

    /// The budget left at the start of each step, in seconds, rounded to tenths.
    var budgetLeftAtEachStep: [TimeInterval] { log.withLock { $0 } }

    func start(_ context: ActionContext) async throws -> ActionOutcome {
        step(context)
    }

    func poll(_ context: ActionContext, checkpoint: JSONValue) async throws -> ActionOutcome {
        step(context)
    }

    private func step(_ context: ActionContext) -> ActionOutcome {
        let left = (context.deadline.timeIntervalSince(context.now()) * 10).rounded() / 10
        log.withLock { $0.append(left) }
        clock.advance(by: stepSeconds)
        return .running(ActionProgress(checkpoint: "working", pollAfter: .zero, message: "Working"))
    }
}

/// Starts `build-1` and keeps running; `stop` cancels it, failing the first `failingStops` times.
final class StoppableAction: DeploymentAction {
    private struct State {
        var stopCalls = 0
        var stopped: [String] = []
    }

    private let state = Mutex(State())
    private let failingStops: Int

    init(failingStops: Int) {
        self.failingStops = failingStops
    }

    var stopped: [String] { state.withLock { $0.stopped } }
    var stopCalls: Int { state.withLock { $0.stopCalls } }

    func start(_ context: ActionContext) async throws -> ActionOutcome {
        .running(ActionProgress(checkpoint: "build-1", pollAfter: .seconds(3600), message: "Building"))
    }

    func poll(_ context: ActionContext, checkpoint: JSONValue) async throws -> ActionOutcome {
        .running(ActionProgress(checkpoint: checkpoint, pollAfter: .seconds(3600), message: "Building"))
    }

    func stop(_ context: ActionContext, checkpoint: JSONValue?) async throws -> StopOutcome {
        struct Hiccup: Error, CustomStringConvertible { var description: String { "the provider had a hiccup" } }
        let build = checkpoint?.stringValue ?? "?"
        return try state.withLock { state in
            state.stopCalls += 1
            if state.stopCalls <= failingStops { throw Hiccup() }
            state.stopped.append(build)
            return .stopped("canceled \(build)")
        }
    }
}
