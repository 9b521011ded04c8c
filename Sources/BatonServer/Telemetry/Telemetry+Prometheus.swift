public import BatonCore
public import Prometheus
public import Tracing

extension Telemetry {
    /// Telemetry that counts into a new Prometheus registry of its own — so two servers in one process never mix
    /// their counts — which Baton's routes serve at `GET /metrics`, and traces with `tracer` (none by default).
    ///
    /// Durations are recorded into histograms with Prometheus's usual request buckets (5 ms to 10 s), except
    /// ``TelemetryMetric/actionDuration``, whose buckets reach two hours (a deploy may build that long).
    public static func prometheus(tracer: (any Tracer)? = nil) -> Telemetry {
        var factory = PrometheusMetricsFactory(registry: PrometheusCollectorRegistry())
        factory.durationHistogramBuckets[TelemetryMetric.actionDuration] = [
            .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
            .seconds(120), .seconds(300), .seconds(600), .seconds(1800), .seconds(3600), .seconds(7200),
        ]
        return Telemetry(metrics: factory, tracer: tracer)
    }

    /// The registry `GET /metrics` serves: the one behind ``metrics`` when it is a `PrometheusMetricsFactory`
    /// (``prometheus(tracer:)``'s), else `nil` and no `/metrics` route — another factory exports on its own terms.
    public var prometheusRegistry: PrometheusCollectorRegistry? {
        (metrics as? PrometheusMetricsFactory)?.registry
    }
}
