/// The metrics Baton records, named as Prometheus names them (`_total` for counters, `_seconds` for durations), with
/// their labels; the README's "Operating Baton" lists them for operators.
public enum TelemetryMetric {
    /// Counter of HTTP requests to Baton's routes; labels `route` (the route template, such as `/api/deploy`), `mode`
    /// (the deploy mode for `/api/deploy`, ``TelemetryLabel/invalidMode`` when the body was refused before a mode was
    /// read, ``TelemetryLabel/none`` on other routes) and `status` (the HTTP status code).
    public static let requests = "baton_requests_total"
    /// Histogram of request durations in seconds, from the request's arrival to its response; labels `route`, `mode`.
    public static let requestDuration = "baton_request_duration_seconds"
    /// Counter of actions that finished; labels `action`, `outcome` (`succeeded`, `failed`, `canceled`) and `code` (the
    /// failure's stable code, ``TelemetryLabel/none`` otherwise).
    public static let actionsFinished = "baton_actions_finished_total"
    /// Histogram of action attempts' durations in seconds, from the attempt's start to its end; labels `action`,
    /// `outcome`. An action canceled before it ever started has no attempt, and no duration.
    public static let actionDuration = "baton_action_duration_seconds"
    /// Counter of calls to a provider's API; labels `provider` (`github`, `vercel`), `operation` (the provider's
    /// OpenAPI operationId, such as `repos/create-fork` or `createDeployment`) and `status` (the HTTP status code,
    /// ``TelemetryLabel/connectionError`` when no answer came, ``TelemetryLabel/canceled`` when the step was cut off).
    public static let providerCalls = "baton_provider_calls_total"
    /// Histogram of provider calls' durations in seconds; labels `provider`, `operation`.
    public static let providerCallDuration = "baton_provider_call_duration_seconds"
    /// Counter of the retries Baton makes; labels `kind` (``RetryKind``), `action` and `code` (the failure retried).
    public static let retries = "baton_retries_total"
    /// Gauge of open workflows (not canceled, an app not yet succeeded, not expired), read from the store when scraped,
    /// so every instance on one store reports the same number.
    public static let workflowsOpen = "baton_workflows_open"

    /// What a retry repeats, the `kind` label of ``retries``.
    public enum RetryKind: String, Sendable {
        /// A provider call that failed for a reason that may pass (a rate limit, a 5xx, a dropped connection), retried
        /// within the same attempt under the action's ``ActionRetryPolicy``; `code` is the transient code.
        case providerCall = "provider_call"
        /// A failed action triggered again (a new attempt); `code` is the failure of the attempt before.
        case action
    }
}

/// Label values with a fixed meaning.
public enum TelemetryLabel {
    /// No value applies: the `mode` of a route other than `/api/deploy`, the `code` of an action that did not fail.
    public static let none = "none"
    /// The `mode` of a `/api/deploy` request refused before its mode was read (not JSON, too large, no valid mode).
    public static let invalidMode = "invalid"
    /// The `status` of a provider call that got no answer (a dropped connection, a timeout).
    public static let connectionError = "error"
    /// The `status` of a provider call stopped because its step was cut off or canceled.
    public static let canceled = "canceled"
}
