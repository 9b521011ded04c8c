import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// Every action ends: an attempt running past its deadline fails, by the test's clock, with what it waited for.
@Suite("Action deadlines")
struct ActionDeadlineTests {
    @Test func anActionWhoseProviderNeverFinishesFailsAtItsDeadline() async throws {
        let clock = ManualClock()
        let harness = try EngineHarness(
            .instant, overrides: ["fork-repository": .succeedAfterPolls(1_000_000, pollAfter: .seconds(30))], clock: clock,
            actionTimeouts: ["fork-repository": .seconds(300)]
        )
        let workflow = try await harness.initialize(apps: ["app-b"], domain: nil, envVars: [:])
        let begin = clock.now()
        let started = try await harness.trigger(workflow, "app-b", "fork-repository")
        #expect(started.state == .running && started.startedAt == begin)
        #expect(started.deadlineAt == begin.addingTimeInterval(300))

        for _ in 0..<9 {
            clock.advance(by: 30)
            let status = try await harness.status(workflow, "app-b", "fork-repository")
            #expect(status.state == .running && status.deadlineAt == begin.addingTimeInterval(300))
        }
        #expect(harness.log.count(.poll, harness.key(workflow, "app-b", "fork-repository")) == 9)

        clock.advance(by: 30)
        let ended = try await harness.status(workflow, "app-b", "fork-repository")
        #expect(ended.state == .failed && ended.deadlineAt == nil && ended.pollAfterMs == nil)
        let error = try #require(ended.error)
        #expect(error.code == "deadline_exceeded" && error.retryable)
        #expect(error.message.hasPrefix("Gave up after 5 min (fork-repository): Poll 9 of 1000000"), "\(error.message)")
        #expect(error.fix?.contains("--action-timeout fork-repository=") == true)
        #expect(harness.log.count(.poll, harness.key(workflow, "app-b", "fork-repository")) == 9, "no poll past the deadline")

        clock.advance(by: 5)
        let retried = try await harness.trigger(workflow, "app-b", "fork-repository")
        #expect(retried.state == .running && retried.attempt == 2)
        #expect(retried.startedAt == clock.now() && retried.deadlineAt == clock.now().addingTimeInterval(300))
    }

    @Test func aLongPollWakesAtTheDeadlineAndReportsTheFailure() async throws {
        let clock = ManualClock()
        let harness = try EngineHarness(
            .instant, overrides: ["fork-repository": .succeedAfterPolls(1_000_000, pollAfter: .seconds(3600))], clock: clock,
            actionTimeouts: ["fork-repository": .seconds(4)]
        )
        let workflow = try await harness.initialize(apps: ["app-b"], domain: nil, envVars: [:])
        _ = try await harness.trigger(workflow, "app-b", "fork-repository")
        let waiting = Task { try await harness.status(workflow, "app-b", "fork-repository", waitMs: 8000) }
        try await Self.waitForSleepers(clock)
        clock.advance(by: 4)
        let ended = try await waiting.value
        #expect(ended.state == .failed && ended.error?.code == "deadline_exceeded")
    }

    @Test func eachPhaseHasItsOwnBoundFromWhenItIsEntered() async throws {
        let clock = ManualClock()
        let harness = try EngineHarness(
            .instant, clock: clock, actionTimeouts: ["deploy.build": .seconds(90)], custom: ["deploy": PhasedAction()]
        )
        let workflow = try await harness.initialize(apps: ["app-b"], domain: nil, envVars: [:])
        for action in ["fork-repository", "create-project"] {
            #expect(try await harness.trigger(workflow, "app-b", action).state == .succeeded)
        }
        let begin = clock.now()
        let queued = try await harness.trigger(workflow, "app-b", "deploy")
        #expect(queued.deadlineAt == begin.addingTimeInterval(600), "the queue phase's own bound")
        #expect(queued.progress == ["phase": "queue"])
        // Queued for 8 minutes, within the queue's bound; then the build begins and gets its 90 s (the override).
        for _ in 0..<8 {
            clock.advance(by: 60)
            #expect(try await harness.status(workflow, "app-b", "deploy").state == .running)
        }
        clock.advance(by: 60)
        let building = try await harness.status(workflow, "app-b", "deploy")
        #expect(building.state == .running && building.progress == ["phase": "build"])
        #expect(building.deadlineAt == clock.now().addingTimeInterval(90))
        clock.advance(by: 60)
        #expect(try await harness.status(workflow, "app-b", "deploy").state == .running)
        clock.advance(by: 30)
        let ended = try await harness.status(workflow, "app-b", "deploy")
        #expect(ended.state == .failed && ended.error?.code == "deadline_exceeded")
        #expect(ended.error?.message.contains("(deploy.build)") == true && ended.error?.message.contains("1 min 30 s") == true)
        #expect(ended.progress == ["phase": "build"], "the last progress stays with the failure")
    }

    @Test func theWholeAttemptStaysBoundedAcrossPhases() async throws {
        let clock = ManualClock()
        let harness = try EngineHarness(
            .instant, clock: clock, actionTimeouts: ["deploy": .seconds(300)], custom: ["deploy": PhasedAction()]
        )
        let workflow = try await harness.initialize(apps: ["app-b"], domain: nil, envVars: [:])
        for action in ["fork-repository", "create-project"] {
            _ = try await harness.trigger(workflow, "app-b", action)
        }
        let begin = clock.now()
        let queued = try await harness.trigger(workflow, "app-b", "deploy")
        #expect(queued.deadlineAt == begin.addingTimeInterval(300), "the attempt's bound ends before the queue's")
        clock.advance(by: 300)
        let ended = try await harness.status(workflow, "app-b", "deploy")
        #expect(ended.error?.code == "deadline_exceeded" && ended.error?.message.contains("(deploy)") == true)
    }

    @Test func timeoutSettingsMustNameAnActionOrOneOfItsPhases() throws {
        #expect(throws: WorkflowEngineError.self) {
            try EngineHarness(.instant, actionTimeouts: ["deploi": .seconds(1)])
        }
        #expect(throws: WorkflowEngineError.self) {
            try EngineHarness(.instant, actionTimeouts: ["deploy.biuld": .seconds(1)], custom: ["deploy": PhasedAction()])
        }
        _ = try EngineHarness(.instant, actionTimeouts: ["deploy.build": .seconds(1), "deploy": .seconds(9)], custom: ["deploy": PhasedAction()])
    }

    static func waitForSleepers(_ clock: ManualClock, count: Int = 1) async throws {
        for _ in 0..<2000 where clock.sleeperCount < count {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(clock.sleeperCount >= count, "the request is waiting on the clock")
    }
}

/// An action queued until its 9th poll, then building forever: phases `queue` (10 min) and `build` (2 min) by default.
struct PhasedAction: DeploymentAction {
    struct Checkpoint: Codable {
        var polls: Int
    }

    var timeouts: ActionTimeouts {
        ActionTimeouts(attempt: .seconds(7200), phases: ["queue": .seconds(600), "build": .seconds(120)])
    }

    func start(_ context: ActionContext) async throws -> ActionOutcome {
        try outcome(polls: 0)
    }

    func poll(_ context: ActionContext, checkpoint: JSONValue) async throws -> ActionOutcome {
        try outcome(polls: try checkpoint.decode(as: Checkpoint.self).polls + 1)
    }

    private func outcome(polls: Int) throws -> ActionOutcome {
        let phase = polls >= 9 ? "build" : "queue"
        return .running(try ActionProgress(
            encoding: Checkpoint(polls: polls), pollAfter: .seconds(60), message: "In the \(phase)", phase: phase,
            details: ["phase": .string(phase)]
        ))
    }
}
