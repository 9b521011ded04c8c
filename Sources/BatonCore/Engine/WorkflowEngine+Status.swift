import Foundation
import Logging

extension WorkflowEngine {
    /// Reports one action, first advancing it by one step when it is due and nobody else holds it.
    /// With `waitMs`, keeps advancing and waiting until the action's state or attempt changes, it finishes,
    /// or the wait (capped by the budget) runs out.
    func status(of reference: ActionReference, waitMs: Int, token: String?) async throws -> ActionStatus {
        let start = clock.now()
        let deadline = start.addingTimeInterval(configuration.requestBudget.seconds)
        let waitUntil = min(deadline, start.addingTimeInterval(Double(waitMs) / 1000))
        // Armed before each read, so a change committed between the read and the wait still wakes the wait.
        var ticket = signal.arm(reference.workflowID, app: reference.app)
        defer { signal.disarm(ticket) }
        var record = try await authorizedRecord(reference.workflowID, app: reference.app, token: token)
        let index = try record.index(app: reference.app, action: reference.action)
        let initial = record[index]
        if record.hasPendingStops {
            record = try await stopCanceledWork(record, deadline: deadline)
        }
        // How long this request's last step took. The next probably takes about as long: with less than that left of
        // the budget, the step is left to the next request, which has all of its own, rather than started only to be
        // cut off midway (a creating call's effect would then be unknown, and the call sent again).
        var lastStep: TimeInterval = 0
        while true {
            let now = clock.now()
            let mayStep = deadline.timeIntervalSince(now) > max(0, lastStep)
            if mayStep {
                let lease = newLease(deadline: deadline)
                let (claimed, step) = try await update(record) { record throws(APIError) in
                    record.claimStep(index, lease: lease, now: now)
                }
                record = claimed
                if let step {
                    record = try await runStep(step, of: record, at: index, lease: lease, deadline: deadline)
                    lastStep = clock.now().timeIntervalSince(now)
                }
            }
            let action = record[index]
            let checkedAt = clock.now()
            let changed = action.state != initial.state || action.attempt != initial.attempt
            if changed || action.state.isTerminal || checkedAt >= waitUntil || !mayStep {
                return actionStatus(record, index, now: checkedAt)
            }
            let wakeAt = min(waitUntil, nextMoment(action) ?? waitUntil)
            if wakeAt > checkedAt {
                await signal.wait(ticket, until: wakeAt, clock: clock)
            }
            signal.disarm(ticket)
            ticket = signal.arm(reference.workflowID, app: reference.app)
            record = try await authorizedRecord(reference.workflowID, app: reference.app, token: token)
        }
    }

    /// Reports the whole workflow, with its history when `includeHistory`; with `waitMs`, first waits (within the
    /// budget) for any change to it.
    ///
    /// The answer is one consistent snapshot of the workflow, read after any stopping and waiting.
    func workflowStatus(_ workflowID: String, waitMs: Int, includeHistory: Bool = false, token: String?) async throws -> WorkflowStatus {
        let start = clock.now()
        let ticket = signal.arm(workflowID)
        defer { signal.disarm(ticket) }
        var record = try await authorizedRecord(workflowID, includeHistory: includeHistory, token: token)
        let deadline = start.addingTimeInterval(configuration.requestBudget.seconds)
        var readAgain = false
        if record.hasPendingStops {
            record = try await stopCanceledWork(record, deadline: deadline)
            await eraseAccountsIfFinished(record)
            readAgain = true
        }
        let waitUntil = min(deadline, start.addingTimeInterval(Double(waitMs) / 1000))
        if waitUntil > start, record.summarizedState != .succeeded, !record.canceled {
            await signal.wait(ticket, until: waitUntil, clock: clock)
            readAgain = true
        }
        if readAgain {
            record = try await authorizedRecord(workflowID, includeHistory: includeHistory, token: token)
        }
        return workflowStatus(record, now: clock.now(), includeHistory: includeHistory)
    }

    /// When something may next happen to a running action on its own: its next poll, its lease lapsing, or its
    /// deadline.
    private func nextMoment(_ action: ActionRecord) -> Date? {
        guard action.state == .running else { return nil }
        let next = action.lease?.expiresAt ?? action.nextPollAt
        guard let deadline = action.deadline?.at else { return next }
        return min(next ?? deadline, deadline)
    }
}
