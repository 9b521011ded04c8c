import ArgumentParser
import BatonKit
import Foundation
import Logging
import OTel

/// `baton serve`'s telemetry: metrics are always served at `GET /metrics`; spans are exported over OTLP/HTTP only
/// with `--otel-endpoint` (with none, no tracer, exporter or service exists).
struct TelemetryOptions: ParsableArguments {
    @Option(
        name: .customLong("otel-endpoint"),
        help: ArgumentHelp(
            "Export spans (one per request, action step and provider call) over OTLP/HTTP (protobuf) to this collector, such as http://127.0.0.1:4318 (spans go to its /v1/traces). OTEL_EXPORTER_OTLP_HEADERS and _TIMEOUT tune the exporter; OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT, when set, take the place of this URL (the log says where spans go).",
            valueName: "url"
        )
    )
    var otelEndpoint: String?

    func validate() throws {
        guard let otelEndpoint else { return }
        guard let url = URL(string: otelEndpoint), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
            throw ValidationError("--otel-endpoint must be an http:// or https:// URL, such as http://127.0.0.1:4318.")
        }
    }

    /// The collector's traces URL: the endpoint with `/v1/traces` added, as OTLP/HTTP adds it to
    /// `OTEL_EXPORTER_OTLP_ENDPOINT`; an endpoint already ending in `/v1/traces` is taken as it is.
    static func tracesURL(_ endpoint: String) -> String {
        let base = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        return base.hasSuffix("/v1/traces") ? base : base + "/v1/traces"
    }

    /// Where spans go: swift-otel lets `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (taken as it is), then
    /// `OTEL_EXPORTER_OTLP_ENDPOINT` (with `/v1/traces` added), take the place of the configured endpoint.
    static func destination(_ endpoint: String, environment: [String: String]) -> String {
        if let traces = environment["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] { return traces }
        if let shared = environment["OTEL_EXPORTER_OTLP_ENDPOINT"] { return tracesURL(shared) }
        return tracesURL(endpoint)
    }

    /// Metrics on, and spans to the OTLP collector when one is given: its tracer, and the service that batches and
    /// sends spans, run with the server (nothing is bootstrapped globally).
    func settings(logger: Logger) throws -> TelemetrySettings {
        guard let otelEndpoint else { return TelemetrySettings(metrics: true) }
        var configuration = OTel.Configuration.default
        configuration.serviceName = "baton"
        // swift-otel logs each OTEL_* variable it applies, values included, at info: OTEL_EXPORTER_OTLP_HEADERS
        // holds the collector's API key. Its warnings and errors (a failed export) still reach the log. (It sets
        // its logger's level from this, or from OTEL_LOG_LEVEL, whatever the logger's own level.)
        configuration.diagnosticLogger = .custom(logger)
        configuration.diagnosticLogLevel = .warning
        configuration.metrics.enabled = false
        configuration.logs.enabled = false
        configuration.traces.otlpExporter.endpoint = Self.tracesURL(otelEndpoint)
        let backend = try OTel.makeTracingBackend(configuration: configuration)
        logger.notice("exporting spans over OTLP/HTTP", metadata: [
            "url": "\(Self.destination(otelEndpoint, environment: ProcessInfo.processInfo.environment))",
        ])
        return TelemetrySettings(metrics: true, tracer: backend.factory, services: [backend.service])
    }
}
