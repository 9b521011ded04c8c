import Foundation
import Metrics

/// The one place each metric is recorded, with its labels in one order (see ``TelemetryMetric``).
extension Telemetry {
    /// Counts a request to a route and records its duration.
    /// - Parameters:
    ///   - route: the route template, never a path with ids in it.
    ///   - mode: the deploy mode, or a ``TelemetryLabel``.
    ///   - status: the HTTP status code answered.
    public func recordRequest(route: String, mode: String, status: Int, duration: Duration) {
        guard let metrics else { return }
        Counter(label: TelemetryMetric.requests, dimensions: [("route", route), ("mode", mode), ("status", String(status))], factory: metrics)
            .increment()
        Timer(label: TelemetryMetric.requestDuration, dimensions: [("route", route), ("mode", mode)], factory: metrics)
            .record(duration: duration)
    }

    /// Counts a provider call and records its duration.
    /// - Parameters:
    ///   - provider: `github` or `vercel`.
    ///   - operation: the provider's operationId for the call.
    ///   - status: the HTTP status code, or a ``TelemetryLabel`` when there was none.
    public func recordProviderCall(provider: String, operation: String, status: String, duration: Duration) {
        guard let metrics else { return }
        Counter(
            label: TelemetryMetric.providerCalls, dimensions: [("provider", provider), ("operation", operation), ("status", status)],
            factory: metrics
        ).increment()
        Timer(label: TelemetryMetric.providerCallDuration, dimensions: [("provider", provider), ("operation", operation)], factory: metrics)
            .record(duration: duration)
    }

    /// Counts a retry Baton makes of `action`, because of the failure `code`.
    public func recordRetry(_ kind: TelemetryMetric.RetryKind, action: String, code: String) {
        guard let metrics else { return }
        Counter(label: TelemetryMetric.retries, dimensions: [("kind", kind.rawValue), ("action", action), ("code", code)], factory: metrics)
            .increment()
    }

    /// Counts an action that reached `state` (succeeded, failed or canceled), and records how long its attempt took
    /// when it had one (`startedAt`).
    func recordActionFinished(_ action: String, state: ActionState, code: String?, startedAt: Date?, now: Date) {
        guard let metrics else { return }
        let outcome = state.rawValue
        Counter(
            label: TelemetryMetric.actionsFinished,
            dimensions: [("action", action), ("outcome", outcome), ("code", code ?? TelemetryLabel.none)], factory: metrics
        ).increment()
        if let startedAt {
            Timer(label: TelemetryMetric.actionDuration, dimensions: [("action", action), ("outcome", outcome)], factory: metrics)
                .record(duration: .seconds(max(0, now.timeIntervalSince(startedAt))))
        }
    }
}

extension Telemetry {
    /// Sets ``TelemetryMetric/workflowsOpen`` to `count`; `nil` (the store could not count) removes it, so a scrape
    /// shows it missing rather than stale.
    public func recordOpenWorkflows(_ count: Int?) {
        guard let metrics else { return }
        let gauge = Gauge(label: TelemetryMetric.workflowsOpen, factory: metrics)
        if let count { gauge.record(count) } else { gauge.destroy() }
    }
}
