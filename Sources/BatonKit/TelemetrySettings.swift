import BatonCore
import BatonServer
public import ServiceLifecycle
public import Tracing

/// What a Baton reports about itself, for the people who run it: metrics served at `GET /metrics`, and spans sent to a
/// tracer. Off by default (``off``), which costs nothing: no registry, no middleware, no span.
///
/// Nothing global is touched: each ``Baton`` counts into a Prometheus registry of its own and traces with the tracer
/// given here, never `MetricsSystem` or `InstrumentationSystem`.
public struct TelemetrySettings: Sendable {
    /// Whether Baton counts and times its requests, actions, provider calls and retries (``TelemetryMetric``) into a
    /// new Prometheus registry per ``Baton``, and serves them at `GET /metrics`.
    public var metrics: Bool
    /// Where Baton's spans go — a span per request, per action step, per provider call — such as the tracer of
    /// swift-otel's `OTel.makeTracingBackend(configuration:)`; `nil` records none.
    public var tracer: (any Tracer)?
    /// What the tracer needs running alongside the server (the OTLP exporter's batching and sending); they run with
    /// ``Baton/services`` and shut down after the server, so the last spans are sent.
    public var services: [any Service]

    public init(metrics: Bool = false, tracer: (any Tracer)? = nil, services: [any Service] = []) {
        self.metrics = metrics
        self.tracer = tracer
        self.services = services
    }

    /// No metrics, no spans.
    public static let off = TelemetrySettings()

    /// The telemetry a new Baton records into: a registry of its own when ``metrics`` is on.
    func makeTelemetry() -> Telemetry {
        metrics ? .prometheus(tracer: tracer) : Telemetry(tracer: tracer)
    }
}
