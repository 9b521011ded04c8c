import Foundation
import Logging
import Tracing

extension WorkflowEngine {
    /// Cancels the workflow: pending and running actions become canceled, later triggers are refused, and the provider
    /// work the running ones started (a build still going, say) is stopped, in parallel within the request's budget.
    /// What is left is stopped by the next `cancel` or `status` request; the answer lists it as `pendingCancellations`.
    func cancel(_ workflowID: String, token: String?) async throws -> WorkflowStatus {
        let start = clock.now()
        let deadline = start.addingTimeInterval(configuration.requestBudget.seconds)
        // The whole workflow, so the write covers every app: one transaction that conflicts with any step in flight.
        let record = try await authorizedRecord(workflowID, token: token)
        var (canceled, canceledActions) = try await update(record) { record throws(APIError) in record.cancel(now: start) }
        logger.info("workflow canceled", metadata: ["workflow": "\(workflowID)"])
        recordCanceled(canceledActions, of: canceled, now: start)
        if canceled.hasPendingStops {
            canceled = try await stopCanceledWork(canceled, deadline: deadline)
        }
        await eraseAccountsIfFinished(canceled)
        return workflowStatus(canceled, now: clock.now())
    }

    /// Tries once, in parallel and within `deadline`, to stop the provider work of every canceled action that has some
    /// pending, and records what each try found.
    /// - Returns: the workflow as stored afterwards.
    func stopCanceledWork(_ record: WorkflowRecord, deadline: Date) async throws -> WorkflowRecord {
        let pending = record.actionIndices.filter { record[$0].pendingStop != nil }
        guard !pending.isEmpty else { return record }
        let triedAt = clock.now()
        let results = await withTaskGroup(of: (WorkflowRecord.ActionIndex, StopTry).self) { group in
            for index in pending {
                group.addTask { (index, await tryToStop(record, index, deadline: deadline)) }
            }
            var results: [(WorkflowRecord.ActionIndex, StopTry)] = []
            for await result in group { results.append(result) }
            return results
        }
        let now = clock.now()
        let (stored, _) = try await update(record) { record throws(APIError) in
            for (index, result) in results {
                _ = record.recordStop(index, outcome: result.outcome, problem: result.problem, triedAt: triedAt, now: now)
            }
        }
        return stored
    }

    /// What one try at stopping an action's work found: an outcome, or why there is none yet.
    private struct StopTry: Sendable {
        var outcome: StopOutcome?
        var problem: String?
    }

    /// One try at stopping an action's provider work, in a span of its own (`stop ACTION`).
    private func tryToStop(_ record: WorkflowRecord, _ index: WorkflowRecord.ActionIndex, deadline: Date) async -> StopTry {
        await telemetry.withSpan("stop \(record[index].id)") { span in
            span?.attributes[TelemetryAttribute.workflowID] = record.id
            span?.attributes[TelemetryAttribute.app] = record.apps[index.app].id
            span?.attributes[TelemetryAttribute.action] = record[index].id
            return await stopOnce(record, index, deadline: deadline)
        }
    }

    private func stopOnce(_ record: WorkflowRecord, _ index: WorkflowRecord.ActionIndex, deadline: Date) async -> StopTry {
        let logger = actionLogger(record, index)
        let implementation: any DeploymentAction
        var context: ActionContext
        switch prepareContext(record, index, deadline: deadline, logger: logger, needsEnvValues: false) {
        case .failure:
            return StopTry(outcome: .nothingToStop)
        case .success(let (found, made)):
            implementation = found
            context = made
        }
        switch await accountTokens(for: record, stepDeadline: deadline, deadline: deadline) {
        case .success(let tokens): context.accountTokens = tokens
        case .failure(let failure): return StopTry(problem: failure.message)
        }
        let checkpoint = record[index].checkpoint
        let stopping = context
        let result = await StepRunner.run(until: deadline, clock: clock) {
            try await implementation.stop(stopping, checkpoint: checkpoint)
        }
        switch result {
        case .finished(let outcome):
            return StopTry(outcome: outcome)
        case .cutOff:
            return StopTry(problem: "stopping it took longer than the request's budget")
        case .threw(let error):
            logger.notice("stopping canceled work failed; a later request tries again", metadata: [
                "error": "\(String(describing: error))",
            ])
            return StopTry(problem: "\(error)")
        }
    }
}

extension WorkflowRecord {
    /// Whether a canceled action still has provider work to stop.
    var hasPendingStops: Bool {
        apps.contains { $0.actions.contains { $0.pendingStop != nil } }
    }

    /// Every action's index, in plan order.
    var actionIndices: [ActionIndex] {
        apps.indices.flatMap { app in apps[app].actions.indices.map { ActionIndex(app: app, action: $0) } }
    }
}
