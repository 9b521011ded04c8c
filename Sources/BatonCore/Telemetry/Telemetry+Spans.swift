public import Tracing

extension Telemetry {
    /// Runs `body` inside a span named `name` that is a child of the task's current span (the request's, for a step;
    /// the step's, for a provider call), and ends the span when `body` returns; a thrown error marks it failed.
    /// With no tracer, `body` runs with `nil` and nothing else happens.
    ///
    /// Set attributes with the names in ``TelemetryAttribute``; never tokens, env values, cookies or bodies.
    public func withSpan<Value>(
        _ name: String, ofKind kind: SpanKind = .internal, _ body: ((any Span)?) async throws -> Value
    ) async rethrows -> Value {
        guard let tracer else { return try await body(nil) }
        return try await tracer.withSpan(name, ofKind: kind) { span in try await body(span) }
    }
}

/// The names of the attributes on Baton's spans: OpenTelemetry's own for HTTP, `baton.…` for Baton's.
public enum TelemetryAttribute {
    /// The workflow's id (`wf_…`): not a secret; its bearer token is.
    public static let workflowID = "baton.workflow.id"
    /// The app's id.
    public static let app = "baton.app"
    /// The action's id, such as `deploy`.
    public static let action = "baton.action"
    /// The attempt being run (1 for the first).
    public static let attempt = "baton.action.attempt"
    /// Which step of the action ran: `start`, `poll` or `expire`.
    public static let step = "baton.step"
    /// How the step ended: `running`, `succeeded`, `failed`, `cut_off` or `threw`.
    public static let stepOutcome = "baton.step.outcome"
    /// The stable code of the failure an action or a step ended with.
    public static let failureCode = "baton.failure.code"
    /// The deploy mode of a `POST /api/deploy` request.
    public static let mode = "baton.mode"
    /// The provider called: `github` or `vercel`.
    public static let provider = "baton.provider"
    /// The provider's operationId for the call.
    public static let operation = "baton.operation"
    /// OpenTelemetry's HTTP method.
    public static let httpMethod = "http.request.method"
    /// OpenTelemetry's route template of a server span.
    public static let httpRoute = "http.route"
    /// OpenTelemetry's HTTP status code.
    public static let httpStatus = "http.response.status_code"
}
