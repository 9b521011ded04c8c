public import CoreMetrics
public import Tracing

/// Where Baton reports what it does: a metrics factory for its counters and histograms, and a tracer for its spans.
///
/// Both are passed in explicitly — Baton never reads or bootstraps `MetricsSystem` or `InstrumentationSystem` — so two
/// servers in one process keep their counts apart. Either may be `nil`, and ``off`` has neither: then nothing is
/// counted or traced and recording costs a branch (no metric object, no span, no exporter).
///
/// The engine records actions and retries, the provider clients record their calls, and the server its requests; see
/// ``TelemetryMetric`` for the metrics and ``TelemetryAttribute`` for the span attributes.
public struct Telemetry: Sendable {
    /// Makes the counters and histograms Baton records into (a `PrometheusMetricsFactory` over a registry of the
    /// server's own, say); `nil` counts nothing.
    public let metrics: (any MetricsFactory)?
    /// Starts the spans of requests, action steps and provider calls; `nil` records no span.
    public let tracer: (any Tracer)?

    /// Telemetry that records into `metrics` and `tracer`.
    public init(metrics: (any MetricsFactory)? = nil, tracer: (any Tracer)? = nil) {
        self.metrics = metrics
        self.tracer = tracer
    }

    /// Nothing counted, nothing traced: the default of every engine and provider client.
    public static let off = Telemetry()

    /// Whether anything is counted or traced; a server adds no telemetry middleware when not.
    public var isRecording: Bool { metrics != nil || tracer != nil }
}
