import Foundation
import Tracing

extension WorkflowEngine {
    /// The name of a step's span: `step ACTION`, one name per action, as span names should have few values.
    static func spanName(of actionID: String) -> String {
        "step \(actionID)"
    }

    /// Reports how a step ended: its outcome on the step's span and, when the step finished the action under its
    /// claim (`held`), the action in ``TelemetryMetric/actionsFinished`` and ``TelemetryMetric/actionDuration``.
    func recordStepEnd(
        _ result: StepResult<ActionOutcome>, stored: WorkflowRecord, at index: WorkflowRecord.ActionIndex, held: Bool,
        span: (any Span)?
    ) {
        let action = stored[index]
        if let span {
            let outcome: String
            switch result {
            case .finished(.running): outcome = "running"
            case .finished(.succeeded): outcome = "succeeded"
            case .finished(.failed): outcome = "failed"
            case .cutOff: outcome = "cut_off"
            case .threw: outcome = "threw"
            }
            span.attributes[TelemetryAttribute.stepOutcome] = outcome
            if held, action.state == .failed, let code = action.error?.code {
                span.attributes[TelemetryAttribute.failureCode] = code
                span.setStatus(SpanStatus(code: .error, message: code))
            }
        }
        if held, action.state == .succeeded || action.state == .failed {
            telemetry.recordActionFinished(action.id, state: action.state, code: action.error?.code, startedAt: action.startedAt, now: clock.now())
        }
    }

    /// Counts the actions a `cancel` request canceled.
    func recordCanceled(_ indices: [WorkflowRecord.ActionIndex], of record: WorkflowRecord, now: Date) {
        for index in indices {
            let action = record[index]
            // Only an action that was running had an attempt to time.
            telemetry.recordActionFinished(action.id, state: .canceled, code: nil, startedAt: action.startedAt, now: now)
        }
    }
}

extension Span {
    /// Names the step on its span: the workflow, app, action, attempt and which step it is. Never secrets.
    func describe(_ step: WorkflowRecord.Step, of record: WorkflowRecord, at index: WorkflowRecord.ActionIndex) {
        let action = record[index]
        attributes[TelemetryAttribute.workflowID] = record.id
        attributes[TelemetryAttribute.app] = record.apps[index.app].id
        attributes[TelemetryAttribute.action] = action.id
        attributes[TelemetryAttribute.attempt] = action.attempt
        switch step {
        case .start: attributes[TelemetryAttribute.step] = "start"
        case .poll: attributes[TelemetryAttribute.step] = "poll"
        case .expire: attributes[TelemetryAttribute.step] = "expire"
        }
    }
}
