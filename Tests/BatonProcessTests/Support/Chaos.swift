import BatonTestSupport
import Foundation

/// The kills of one trial, as they happened.
actor KillLog {
    private(set) var kills = 0
    private(set) var precisionMs: Int?

    func killed(precisionMs: Int? = nil) {
        kills += 1
        if let precisionMs { self.precisionMs = precisionMs }
    }
}

/// Kills and restarts `baton serve` as a plan says, until the workflow is done (then it is cancelled).
struct Chaos: Sendable {
    let plan: TrialPlan
    let sandbox: SandboxProcess
    let serve: ServerProcess
    let log = KillLog()

    /// A count of the watched route's calls, taken once the response delay was in force, and when the request
    /// that read it was sent: every later call is held back, and was made after `checkedAt`.
    struct Baseline: Sendable {
        var calls: Int
        var checkedAt: ContinuousClock.Instant
    }

    /// Runs the plan; returns quietly when cancelled.
    func run(armed: AsyncStream<Baseline>) async throws {
        do {
            switch plan.kind {
            case .random(let delays, let pauses):
                for (delay, pause) in zip(delays, pauses) {
                    try await Task.sleep(for: .milliseconds(delay))
                    serve.kill()
                    await log.killed()
                    try await Task.sleep(for: .milliseconds(pause))
                    try await serve.restart()
                }
            case .betweenCallAndRecord(let call, let pause):
                var iterator = armed.makeAsyncIterator()
                guard let baseline = await iterator.next() else { return }
                try await killAfterCall(call, baseline: baseline)
                try await Task.sleep(for: .milliseconds(pause))
                try await serve.restart()
            }
        } catch is CancellationError {
            return
        }
    }

    /// Watches the sandbox's call count of `call.route` and kills `baton serve` the moment it rises. The
    /// precision logged is the time from the last check that had not seen the call to the kill: the call was made
    /// within it, so when it is under the response delay, Baton was killed before it could have the answer.
    private func killAfterCall(_ call: TrialPlan.CreateCall, baseline: Baseline) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        var checkedAt = baseline.checkedAt
        while true {
            let before = ContinuousClock.now
            if try await sandbox.state().calls(call.route) > baseline.calls { break }
            checkedAt = before
            guard ContinuousClock.now < deadline else {
                throw ChildProcessError("\(call.route) was never called by \(call.app)/\(call.action)")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        serve.kill()
        let precision = (ContinuousClock.now - checkedAt) / .milliseconds(1)
        await log.killed(precisionMs: Int(precision.rounded(.up)))
        try await sandbox.setFaults(#"{"responseDelayMs":0}"#)
    }
}
