import Foundation

extension WorkflowEngine {
    /// Starts an attempt of a pending or failed action and runs its `start` within the budget.
    /// A running or succeeded action is reported as it stands; nothing starts.
    func trigger(_ reference: ActionReference, token: String?) async throws -> ActionStatus {
        let now = clock.now()
        let deadline = now.addingTimeInterval(configuration.requestBudget.seconds)
        let record = try await authorizedRecord(reference.workflowID, app: reference.app, token: token)
        let index = try record.index(app: reference.app, action: reference.action)
        guard !record.canceled else {
            throw APIError(.workflowCanceled, "The workflow was canceled; nothing more can be started.")
        }
        guard record.definitionVersion == definitionVersion else {
            throw APIError(
                .definitionChanged,
                "The server's catalog or workflow definition changed since this workflow was planned (\(record.definitionVersion), now \(definitionVersion)); start a new workflow."
            )
        }
        let lease = newLease(deadline: deadline)
        let timeouts = timeouts(of: reference.action)
        // Whether an attempt began, and the failure it retries when the action had failed.
        let (stored, (began, retried)) = try await update(record) { record throws(APIError) in
            let failure = record[index].state == .failed ? record[index].error?.code ?? TelemetryLabel.none : nil
            return (try record.beginAttempt(index, lease: lease, timeouts: timeouts, now: now), failure)
        }
        var current = stored
        if began, let retried {
            telemetry.recordRetry(.action, action: reference.action, code: retried)
        }
        if began {
            current = try await runStep(.start, of: current, at: index, lease: lease, deadline: deadline)
        }
        return actionStatus(current, index, now: clock.now())
    }

    func newLease(deadline: Date) -> ActionLease {
        ActionLease(
            id: SecretIdentifiers.newLeaseID(),
            expiresAt: deadline.addingTimeInterval(configuration.leaseGrace.seconds)
        )
    }
}
