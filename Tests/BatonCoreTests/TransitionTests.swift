import BatonCore
import Foundation
import Testing

@Suite("State transitions")
struct TransitionTests {
    let now = Fixtures.start

    @Test func firstActionStartsAndLaterOnesAreBlocked() throws {
        var record = Fixtures.record()
        let fork = try record.index(app: "app-a", action: "fork-repository")
        let deploy = try record.index(app: "app-a", action: "deploy")
        do {
            _ = try record.beginAttempt(deploy, lease: Fixtures.lease(), timeouts: Fixtures.timeouts, now: now)
            Issue.record("deploy must wait for its dependencies")
        } catch {
            #expect(error.code == "action_blocked")
            #expect(error.message.contains("create-project") && error.message.contains("configure-env"))
        }
        let began = try record.beginAttempt(fork, lease: Fixtures.lease(), timeouts: Fixtures.timeouts, now: now)
        #expect(began)
        #expect(record[fork].state == .running && record[fork].attempt == 1)
        #expect(record.history.last == HistoryEntry(at: now, app: "app-a", action: "fork-repository", from: .pending, to: .running, attempt: 1, message: "Starting"))
        let beganAgain = try record.beginAttempt(fork, lease: Fixtures.lease("other"), timeouts: Fixtures.timeouts, now: now)
        #expect(!beganAgain, "a running action starts nothing")
        #expect(record[fork].lease?.id == "lease-1")
    }

    @Test func outcomesNeedTheLeaseThatClaimedTheAction() throws {
        var record = Fixtures.record()
        let fork = try record.index(app: "app-a", action: "fork-repository")
        _ = try record.beginAttempt(fork, lease: Fixtures.lease(), timeouts: Fixtures.timeouts, now: now)
        let done = ActionOutcome.succeeded(outputs: ["url": "https://example"], message: "Forked")
        let strangerRecorded = record.record(done, fork, leaseID: "stranger", consumesEnvValues: false, timeouts: Fixtures.timeouts, now: now)
        #expect(!strangerRecorded)
        #expect(record[fork].state == .running)
        let result1 = record.record(done, fork, leaseID: "lease-1", consumesEnvValues: false, timeouts: Fixtures.timeouts, now: now)
        #expect(result1)
        #expect(record[fork].state == .succeeded && record[fork].outputs == ["url": "https://example"] && record[fork].lease == nil)
    }

    @Test func pollsAreClaimedOncePerPollAfterAndNeverWhileHeld() throws {
        var record = Fixtures.record()
        let fork = try record.index(app: "app-a", action: "fork-repository")
        let result2 = record.claimStep(fork, lease: Fixtures.lease(), now: now)
        #expect(result2 == nil, "a pending action has nothing to poll")
        _ = try record.beginAttempt(fork, lease: Fixtures.lease(), timeouts: Fixtures.timeouts, now: now)
        let result3 = record.claimStep(fork, lease: Fixtures.lease("b"), now: now)
        #expect(result3 == nil, "held by the trigger")
        let progress = ActionProgress(checkpoint: ["n": 1], pollAfter: .seconds(2), message: "Waiting")
        let result4 = record.record(.running(progress), fork, leaseID: "lease-1", consumesEnvValues: false, timeouts: Fixtures.timeouts, now: now)
        #expect(result4)
        let result5 = record.claimStep(fork, lease: Fixtures.lease("b"), now: now.addingTimeInterval(1))
        #expect(result5 == nil, "not due yet")
        let later = now.addingTimeInterval(2)
        let result6 = record.claimStep(fork, lease: Fixtures.lease("b", until: later.addingTimeInterval(10)), now: later)
        #expect(result6 == .poll(["n": 1]))
        let result7 = record.claimStep(fork, lease: Fixtures.lease("c"), now: later)
        #expect(result7 == nil, "never twice at once")
        let afterLapse = later.addingTimeInterval(11)
        let result8 = record.claimStep(fork, lease: Fixtures.lease("c", until: afterLapse.addingTimeInterval(10)), now: afterLapse)
        #expect(result8 == .poll(["n": 1]),
                "a lapsed lease (a crashed request) lets the next request continue")
    }

    @Test func aCutOffStartIsStartedAgainByTheNextRequest() throws {
        var record = Fixtures.record()
        let fork = try record.index(app: "app-a", action: "fork-repository")
        _ = try record.beginAttempt(fork, lease: Fixtures.lease(), timeouts: Fixtures.timeouts, now: now)
        let result9 = record.releaseLease(fork, leaseID: "lease-1", message: "Still working", now: now)
        #expect(result9)
        #expect(record[fork].state == .running && record[fork].message == "Still working")
        let result10 = record.claimStep(fork, lease: Fixtures.lease("b"), now: now)
        #expect(result10 == .start)
    }

    @Test func failedActionsStartANewAttempt() throws {
        var record = Fixtures.record()
        let fork = try record.index(app: "app-a", action: "fork-repository")
        _ = try record.beginAttempt(fork, lease: Fixtures.lease(), timeouts: Fixtures.timeouts, now: now)
        let failure = ActionFailure(code: "boom", message: "It broke", retryable: true)
        _ = record.record(.failed(failure), fork, leaseID: "lease-1", consumesEnvValues: false, timeouts: Fixtures.timeouts, now: now)
        #expect(record[fork].state == .failed && record[fork].error == failure && record[fork].message == "It broke")
        let retried = try record.beginAttempt(fork, lease: Fixtures.lease("2"), timeouts: Fixtures.timeouts, now: now)
        #expect(retried)
        #expect(record[fork].attempt == 2 && record[fork].error == nil && record[fork].state == .running)
        #expect(record.history.map(\.to) == [.running, .failed, .running])
    }

    @Test func envValuesAreErasedWhenTheConsumingActionSucceeds() throws {
        var record = Fixtures.record()
        let fork = try record.index(app: "app-a", action: "fork-repository")
        _ = try record.beginAttempt(fork, lease: Fixtures.lease(), timeouts: Fixtures.timeouts, now: now)
        _ = record.record(.succeeded(outputs: [:], message: "ok"), fork, leaseID: "lease-1", consumesEnvValues: true, timeouts: Fixtures.timeouts, now: now)
        #expect(record.sealedEnv["app-a"] == nil)
    }

    @Test func cancelStopsPendingAndRunningButKeepsFinishedActions() throws {
        var record = Fixtures.record()
        let fork = try record.index(app: "app-a", action: "fork-repository")
        let forkB = try record.index(app: "app-b", action: "fork-repository")
        _ = try record.beginAttempt(fork, lease: Fixtures.lease(), timeouts: Fixtures.timeouts, now: now)
        _ = record.record(.succeeded(outputs: [:], message: "ok"), fork, leaseID: "lease-1", consumesEnvValues: false, timeouts: Fixtures.timeouts, now: now)
        _ = try record.beginAttempt(forkB, lease: Fixtures.lease("b"), timeouts: Fixtures.timeouts, now: now)
        record.cancel(now: now)
        #expect(record[fork].state == .succeeded)
        #expect(record[forkB].state == .canceled && record[forkB].lease == nil)
        #expect(record.apps[0].actions.dropFirst().allSatisfy { $0.state == .canceled })
        #expect(record.sealedEnv.isEmpty)
        #expect(record.summarizedState == .canceled)
        var copy = record
        #expect(throws: APIError.self) { try copy.beginAttempt(fork, lease: Fixtures.lease(), timeouts: Fixtures.timeouts, now: now) }
        #expect(record.invariantViolations().isEmpty)
    }

    @Test func summaryOfStates() {
        #expect([ActionState.pending, .pending].summarized() == .pending)
        #expect([ActionState.succeeded, .pending].summarized() == .running)
        #expect([ActionState.succeeded, .succeeded].summarized() == .succeeded)
        #expect([ActionState.succeeded, .failed, .running].summarized() == .failed)
    }

    /// Waiting for a provider's capacity (a build slot, a content-creation slot) is bounded by its phase alone and moves
    /// the attempt's end later by the time waited.
    @Test func timeInACapacityPhaseIsNotCountedAgainstTheAttempt() throws {
        let timeouts = ActionTimeouts(attempt: .seconds(600), phases: ["queue": .seconds(3600), "build": .seconds(300)], capacityPhases: ["queue"])
        var record = Fixtures.record()
        let fork = try record.index(app: "app-a", action: "fork-repository")
        _ = try record.beginAttempt(fork, lease: Fixtures.lease(), timeouts: timeouts, now: now)
        #expect(record[fork].deadline?.at == now.addingTimeInterval(600))

        func progress(_ phase: String?, at seconds: TimeInterval) {
            let step = ActionProgress(checkpoint: ["at": .number(seconds)], pollAfter: .seconds(1), message: "m", phase: phase)
            let held = record.recordProgress(step, fork, leaseID: "lease-1", timeouts: timeouts, now: now.addingTimeInterval(seconds))
            #expect(held)
        }
        progress("queue", at: 100)
        #expect(record[fork].deadline == ActionDeadline(at: now.addingTimeInterval(3700), setting: "fork-repository.queue", limitSeconds: 3600),
                "queued: only the queue's bound, past the attempt's 600 s")
        progress("build", at: 1900)
        // 1800 s queued: the attempt now ends at 600 + 1800 s; the build's own bound (1900 + 300) comes first.
        #expect(record[fork].capacityWaitSeconds == 1800)
        #expect(record[fork].deadline == ActionDeadline(at: now.addingTimeInterval(2200), setting: "fork-repository.build", limitSeconds: 300))
        progress(nil, at: 2000)
        #expect(record[fork].deadline == ActionDeadline(at: now.addingTimeInterval(2400), setting: "fork-repository", limitSeconds: 600))

        // A new attempt starts with nothing waited.
        _ = record.record(.failed(ActionFailure(code: "x", message: "x", retryable: true)), fork, leaseID: "lease-1",
                          consumesEnvValues: false, timeouts: timeouts, now: now.addingTimeInterval(2100))
        _ = try record.beginAttempt(fork, lease: Fixtures.lease("lease-2"), timeouts: timeouts, now: now.addingTimeInterval(2200))
        #expect(record[fork].capacityWaitSeconds == nil && record[fork].deadline?.at == now.addingTimeInterval(2800))
    }

    /// A cancel and a long poll both try to stop a canceled build: the one whose cancel call found it already canceled
    /// (nothing to stop) may record first; what the other stopped is still told.
    @Test func aStopRecordedAfterAnotherRequestFinishedTheStopStillSaysWhatItStopped() throws {
        var record = Fixtures.record()
        let fork = try record.index(app: "app-a", action: "fork-repository")
        _ = try record.beginAttempt(fork, lease: Fixtures.lease(until: now), timeouts: Fixtures.timeouts, now: now)
        record.cancel(now: now.addingTimeInterval(1))
        let at = now.addingTimeInterval(2)
        func stop(_ outcome: StopOutcome) -> Bool {
            record.recordStop(fork, outcome: outcome, problem: nil, triedAt: at, now: at)
        }
        #expect(stop(.nothingToStop))
        #expect(record[fork].pendingStop == nil && record[fork].message == "Canceled")
        #expect(stop(.stopped("canceled the Vercel deployment dpl_1")))
        #expect(record[fork].message == "Canceled; canceled the Vercel deployment dpl_1")
        #expect(!stop(.stopped("canceled it again")), "told once")
        #expect(!stop(.nothingToStop))
        #expect(record.invariantViolations().isEmpty)
    }
}
