import BatonCore
@testable import BatonSandbox
import Foundation
import Testing

/// Random sequences of requests against the pure transitions: none may reach an invalid state
/// or start an action before its dependencies succeeded.
@Suite("State transitions under random request sequences")
struct TransitionPropertyTests {
    @Test(arguments: 0..<40)
    func noSequenceBreaksTheInvariants(seed: Int) throws {
        // The sandbox's deterministic generator, so a failing seed can be replayed.
        var random = SeededGenerator(seed: UInt64(seed))
        var record = Fixtures.record()
        var now = Fixtures.start
        var leases: [String] = ["nobody"]
        let indices = record.apps.indices.flatMap { app in
            record.apps[app].actions.indices.map { WorkflowRecord.ActionIndex(app: app, action: $0) }
        }
        for step in 0..<300 {
            let index = indices.randomElement(using: &random)!
            let lease = ActionLease(id: "l\(step)", expiresAt: now.addingTimeInterval(Double(Int.random(in: 1...5, using: &random))))
            let before = record
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<30:
                if (try? record.beginAttempt(index, lease: lease, timeouts: Fixtures.timeouts, now: now)) == true { leases.append(lease.id) }
                if record[index].attempt > before[index].attempt {
                    let app = record.apps[index.app]
                    for dependency in record[index].dependsOn {
                        #expect(app.actions.first { $0.id == dependency }?.state == .succeeded)
                    }
                }
            case 30..<50:
                if record.claimStep(index, lease: lease, now: now) != nil { leases.append(lease.id) }
            case 50..<85:
                let outcome: ActionOutcome = switch Int.random(in: 0..<3, using: &random) {
                case 0: .succeeded(outputs: ["step": .number(Double(step))], message: "done")
                case 1: .failed(ActionFailure(code: "x", message: "failed", retryable: true))
                default: .running(ActionProgress(checkpoint: ["s": .number(Double(step))], pollAfter: .seconds(1), message: "going"))
                }
                let leaseID = leases.randomElement(using: &random)!
                _ = record.record(outcome, index, leaseID: leaseID, consumesEnvValues: Bool.random(using: &random), timeouts: Fixtures.timeouts, now: now)
            case 85..<95:
                _ = record.releaseLease(index, leaseID: leases.randomElement(using: &random)!, message: "cut off", now: now)
            case 95..<97:
                record.cancel(now: now)
            default:
                now = now.addingTimeInterval(Double.random(in: 0...3, using: &random))
            }
            let violations = record.invariantViolations()
            #expect(violations.isEmpty, "seed \(seed) step \(step): \(violations)")
            if !violations.isEmpty { return }
            // Every change of an action advances its sequence; nothing moves it back.
            for other in indices {
                let (old, new) = (before[other], record[other])
                #expect((new.sequence ?? 0) >= (old.sequence ?? 0))
                if new.state != old.state || new.attempt != old.attempt || new.message != old.message || new.outputs != old.outputs {
                    #expect((new.sequence ?? 0) > (old.sequence ?? 0), "seed \(seed) step \(step): \(new.id) changed without a new sequence")
                }
            }
            // Finished actions stay finished, except a failed one that a trigger restarts.
            for other in indices where before[other].state == .succeeded {
                #expect(record[other].state == .succeeded)
            }
        }
    }
}
