import Foundation
import Logging

extension WorkflowEngine {
    /// Runs one claimed step of an action within the deadline and records what it ended with.
    /// - Returns: the workflow as stored afterwards.
    func runStep(
        _ step: WorkflowRecord.Step, of record: WorkflowRecord, at index: WorkflowRecord.ActionIndex,
        lease: ActionLease, deadline: Date
    ) async throws -> WorkflowRecord {
        let appRecord = record.apps[index.app]
        let actionRecord = record[index]
        var logger = self.logger
        logger[metadataKey: "workflow"] = "\(record.id)"
        logger[metadataKey: "app"] = "\(appRecord.id)"
        logger[metadataKey: "action"] = "\(actionRecord.id)"
        logger[metadataKey: "attempt"] = "\(actionRecord.attempt)"

        let result: StepResult
        switch prepareContext(record, index, deadline: deadline, logger: logger) {
        case .failure(let failure):
            result = .finished(.failed(failure))
        case .success(let (implementation, context)):
            result = await StepRunner.run(until: deadline, clock: clock) {
                switch step {
                case .start: try await implementation.start(context)
                case .poll(let checkpoint): try await implementation.poll(context, checkpoint: checkpoint)
                }
            }
        }

        let now = clock.now()
        let consumesEnv = definition.action(actionRecord.id)?.consumesEnvValues ?? false
        let (stored, _) = try await update(record) { record throws(APIError) -> Bool in
            switch result {
            case .finished(let outcome):
                return record.record(outcome, index, leaseID: lease.id, consumesEnvValues: consumesEnv, now: now)
            case .cutOff:
                return record.releaseLease(index, leaseID: lease.id, message: "Still working; the next request continues", now: now)
            case .threw(let error):
                logger.error("action threw an unexpected error", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                let failure = ActionFailure(
                    code: "action_error", message: "\(actionRecord.title) stopped with an unexpected error.", retryable: true
                )
                return record.record(.failed(failure), index, leaseID: lease.id, consumesEnvValues: false, now: now)
            }
        }
        if case .finished(let outcome) = result {
            logger.debug("action step finished", metadata: ["outcome": "\(outcome.summary)"])
        }
        return stored
    }

    private func prepareContext(
        _ record: WorkflowRecord, _ index: WorkflowRecord.ActionIndex, deadline: Date, logger: Logger
    ) -> Result<(any DeploymentAction, ActionContext), ActionFailure> {
        let appRecord = record.apps[index.app]
        let actionRecord = record[index]
        guard let app = catalog.app(appRecord.id) else {
            return .failure(ActionFailure(code: "app_removed", message: "\(appRecord.name) is no longer in the server's catalog.", retryable: false))
        }
        guard let implementation = actions.action(actionRecord.id) else {
            return .failure(ActionFailure(code: "action_removed", message: "The server no longer runs '\(actionRecord.id)'.", retryable: false))
        }
        var envValues: [String: String] = [:]
        if let sealed = record.sealedEnv[app.id] {
            do {
                envValues = try sealer.open(sealed, workflowID: record.id, appID: app.id)
            } catch {
                return .failure(ActionFailure(
                    code: "secrets_unreadable",
                    message: "The app's env values cannot be decrypted with the server's key; start a new workflow.",
                    retryable: false
                ))
            }
        }
        let context = ActionContext(
            workflowID: record.id, actionID: actionRecord.id, app: app, config: record.config,
            outputs: record.outputsOfSucceededActions(app: index.app), envValues: envValues,
            attempt: actionRecord.attempt, deadline: deadline, logger: logger
        )
        return .success((implementation, context))
    }
}

extension ActionOutcome {
    /// A one-word summary for logs (never outputs, which could be large).
    var summary: String {
        switch self {
        case .running: "running"
        case .succeeded: "succeeded"
        case .failed(let failure): "failed(\(failure.code))"
        }
    }
}
