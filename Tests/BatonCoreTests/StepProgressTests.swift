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
