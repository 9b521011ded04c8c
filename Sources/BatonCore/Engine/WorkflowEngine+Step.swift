import Foundation
import Logging
import Synchronization
import Tracing

extension WorkflowEngine {
    /// Runs one claimed step of an action within the request's deadline (or the action's, when that comes first) and
    /// records what it ended with. Progress the step records on the way is stored as it happens, under the same claim.
    /// The step runs in a span of its own (``Telemetry/withSpan(_:ofKind:_:)``), the parent of its provider calls' spans.
    /// - Returns: the workflow as stored afterwards.
    func runStep(
        _ step: WorkflowRecord.Step, of record: WorkflowRecord, at index: WorkflowRecord.ActionIndex,
        lease: ActionLease, deadline: Date
    ) async throws -> WorkflowRecord {
        try await telemetry.withSpan(Self.spanName(of: record[index].id)) { span in
            span?.describe(step, of: record, at: index)
            return try await runStep(step, of: record, at: index, lease: lease, deadline: deadline, span: span)
        }
    }

    private func runStep(
        _ step: WorkflowRecord.Step, of record: WorkflowRecord, at index: WorkflowRecord.ActionIndex,
        lease: ActionLease, deadline: Date, span: (any Span)?
    ) async throws -> WorkflowRecord {
        let actionRecord = record[index]
        let logger = actionLogger(record, index)
        let timeouts = timeouts(of: actionRecord.id)
        let latest = LatestRecord(record)

        let result: StepResult<ActionOutcome>
        switch prepareContext(
            record, index, deadline: deadline, logger: logger,
            progressRecorder: progressRecorder(index, lease: lease, timeouts: timeouts, latest: latest),
            secretHandoff: secretHandoff(record, index, lease: lease, latest: latest)
        ) {
        case .failure(let failure):
            result = .finished(.failed(failure))
        case .success(let (implementation, prepared)):
            switch step {
            case .expire(let checkpoint):
                result = .finished(.failed(implementation.deadlineFailure(
                    expiry(of: actionRecord, now: clock.now()), checkpoint: checkpoint
                )))
            case .start, .poll:
                let stepDeadline = min(deadline, actionRecord.deadline?.at ?? deadline)
                var withTokens = prepared
                switch await accountTokens(for: record, stepDeadline: stepDeadline, deadline: deadline) {
                case .success(let tokens): withTokens.accountTokens = tokens
                case .failure(let failure):
                    return try await finishStep(.finished(.failed(failure)), of: record, at: index, lease: lease, latest: latest, span: span)
                }
                let context = withTokens
                result = await StepRunner.run(until: stepDeadline, clock: clock) {
                    switch step {
                    case .poll(let checkpoint): try await implementation.poll(context, checkpoint: checkpoint)
                    case .start, .expire: try await implementation.start(context)
                    }
                }
            }
        }

        return try await finishStep(result, of: record, at: index, lease: lease, latest: latest, span: span)
    }

    /// Records what a step ended with, under its claim, and reports it (``recordStepEnd(_:stored:at:held:span:)``).
    private func finishStep(
        _ result: StepResult<ActionOutcome>, of record: WorkflowRecord, at index: WorkflowRecord.ActionIndex,
        lease: ActionLease, latest: LatestRecord, span: (any Span)?
    ) async throws -> WorkflowRecord {
        let appRecord = record.apps[index.app]
        let actionRecord = record[index]
        let logger = actionLogger(record, index)
        let timeouts = timeouts(of: actionRecord.id)
        let now = clock.now()
        let consumesEnv = definition.action(actionRecord.id)?.consumesEnvValues ?? false
        let (stored, held) = try await update(latest.value) { record throws(APIError) -> Bool in
            switch result {
            case .finished(let outcome):
                return record.record(
                    outcome.withFix, index, leaseID: lease.id, consumesEnvValues: consumesEnv, timeouts: timeouts, now: now
                )
            case .cutOff:
                return record.releaseLease(index, leaseID: lease.id, message: record[index].message, now: now)
            case .threw(let missing as MissingActionOutput):
                return record.record(
                    .failed(missing.failure), index, leaseID: lease.id, consumesEnvValues: false, timeouts: timeouts, now: now
                )
            case .threw(let error):
                logger.error("action threw an unexpected error", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                let failure = ActionFailure(
                    code: "action_error", message: "\(actionRecord.title) stopped with an unexpected error.", retryable: true,
                    fix: "Trigger the action again; if it keeps failing, the server's log has the error."
                )
                return record.record(
                    .failed(failure), index, leaseID: lease.id, consumesEnvValues: false, timeouts: timeouts, now: now
                )
            }
        }
        recordStepEnd(result, stored: stored, at: index, held: held, span: span)
        if case .finished(let outcome) = result {
            logger.debug("action step finished", metadata: ["outcome": "\(outcome.summary)", "app": "\(appRecord.id)"])
            if case .succeeded = outcome { await eraseAccountsIfFinished(stored) }
        }
        return stored
    }

    /// What the deadline of a running action bounded, for its failure.
    func expiry(of action: ActionRecord, now: Date) -> DeadlineExceeded {
        let started = action.startedAt ?? action.updatedAt
        let limit = action.deadline.map { Duration.milliseconds(Int($0.limitSeconds * 1000)) } ?? .zero
        return DeadlineExceeded(
            setting: action.deadline?.setting ?? action.id, limit: limit,
            waited: .milliseconds(Int(max(0, now.timeIntervalSince(started)) * 1000)), phase: action.phase,
            lastMessage: action.message
        )
    }

    /// A recorder that stores a step's progress under its claim, and stops the step (by throwing
    /// `CancellationError`) when the claim was lost.
    private func progressRecorder(
        _ index: WorkflowRecord.ActionIndex, lease: ActionLease, timeouts: ActionTimeouts, latest: LatestRecord
    ) -> ProgressRecorder {
        ProgressRecorder { progress in
            let now = clock.now()
            let (stored, held) = try await update(latest.value) { record throws(APIError) in
                record.recordProgress(progress, index, leaseID: lease.id, timeouts: timeouts, now: now)
            }
            latest.value = stored
            guard held else { throw CancellationError() }
        }
    }

    /// The step's ``SecretHandoff``: what the app's succeeded actions handed over, and a way to hand this action's
    /// secrets over, sealed and stored under the step's claim (throwing `CancellationError` when the claim was lost).
    private func secretHandoff(
        _ record: WorkflowRecord, _ index: WorkflowRecord.ActionIndex, lease: ActionLease, latest: LatestRecord
    ) -> SecretHandoff {
        let workflowID = record.id
        let appID = record.apps[index.app].id
        let actionID = record[index].id
        var sealedByAction: [String: Data] = [:]
        for action in record.apps[index.app].actions where action.state == .succeeded {
            if let sealed = action.handedSecrets { sealedByAction[action.id] = sealed }
        }
        return SecretHandoff(
            store: { values in
                let sealed = try sealer.seal(values, boundTo: SecretHandoff.context(workflowID: workflowID, appID: appID, actionID: actionID))
                let (stored, held) = try await update(latest.value) { record throws(APIError) in
                    record.recordHandedSecrets(sealed, index, leaseID: lease.id)
                }
                latest.value = stored
                guard held else { throw CancellationError() }
            },
            sealedByAction: sealedByAction,
            open: { sealed, actionID in
                try sealer.open(
                    sealed, as: [String: String].self,
                    boundTo: SecretHandoff.context(workflowID: workflowID, appID: appID, actionID: actionID)
                )
            }
        )
    }

    /// A logger carrying the workflow, app, action and attempt.
    func actionLogger(_ record: WorkflowRecord, _ index: WorkflowRecord.ActionIndex) -> Logger {
        var logger = self.logger
        // One change of the handler's metadata instead of four (each copies the handler and its dictionary).
        logger.handler.metadata.merge([
            "workflow": .string(record.id), "app": .string(record.apps[index.app].id),
            "action": .string(record[index].id), "attempt": .stringConvertible(record[index].attempt),
        ]) { _, new in new }
        return logger
    }

    /// The action's implementation and its context, or the failure that keeps it from running.
    func prepareContext(
        _ record: WorkflowRecord, _ index: WorkflowRecord.ActionIndex, deadline: Date, logger: Logger,
        progressRecorder: ProgressRecorder = .discarding, secretHandoff: SecretHandoff = .unavailable, needsEnvValues: Bool = true
    ) -> Result<(any DeploymentAction, ActionContext), ActionFailure> {
        let appRecord = record.apps[index.app]
        let actionRecord = record[index]
        guard let app = catalog.app(appRecord.id) else {
            return .failure(ActionFailure(
                code: "app_removed", message: "\(appRecord.name) is no longer in the server's catalog.", retryable: false,
                fix: "Start a new workflow with the apps the server offers now."
            ))
        }
        guard let implementation = actions.action(actionRecord.id) else {
            return .failure(ActionFailure(
                code: "action_removed", message: "The server no longer runs '\(actionRecord.id)'.", retryable: false,
                fix: "Start a new workflow; its plan uses the server's current actions."
            ))
        }
        var envValues: [String: String] = [:]
        if needsEnvValues, let sealed = record.sealedEnv[app.id] {
            do {
                envValues = try sealer.open(sealed, workflowID: record.id, appID: app.id)
            } catch {
                return .failure(ActionFailure(
                    code: "secrets_unreadable",
                    message: "The app's env values cannot be decrypted with the server's key.",
                    retryable: false,
                    fix: "Start a new workflow; the server's BATON_SECRET_KEY changed since this one was stored."
                ))
            }
        }
        let context = ActionContext(
            workflowID: record.id, actionID: actionRecord.id, app: app, config: record.config,
            outputs: record.outputsOfSucceededActions(app: index.app), envValues: envValues,
            attempt: actionRecord.attempt, deadline: deadline, attemptStartedAt: actionRecord.startedAt,
            actionDeadline: actionRecord.deadline?.at, clock: clock, logger: logger, pacer: pacer,
            progressRecorder: progressRecorder, secretHandoff: secretHandoff, telemetry: telemetry
        )
        return .success((implementation, context))
    }
}

/// The workflow as last stored by one step, shared between the step's progress records and its final record, so each
/// write starts from the newest version it knows.
final class LatestRecord: Sendable {
    private let record: Mutex<WorkflowRecord>

    init(_ record: WorkflowRecord) {
        self.record = Mutex(record)
    }

    var value: WorkflowRecord {
        get { record.withLock { $0 } }
        set { record.withLock { $0 = newValue } }
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

    /// The outcome with a fix on its failure (the action's own, or a general one).
    var withFix: ActionOutcome {
        guard case .failed(let failure) = self else { return self }
        return .failed(failure.withFix)
    }
}
