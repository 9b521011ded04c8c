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
            "Export spans (one per request, action step and provider call) over OTLP/HTTP to this collector, such as http://127.0.0.1:4318 (spans go to its /v1/traces). The OTEL_EXPORTER_OTLP_* variables tune the exporter (OTEL_EXPORTER_OTLP_PROTOCOL=http/json for JSON).",
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
    /// `OTEL_EXPORTER_OTLP_ENDPOINT`.
    static func tracesURL(_ endpoint: String) -> String {
        endpoint.hasSuffix("/") ? endpoint + "v1/traces" : endpoint + "/v1/traces"
    }

    /// Metrics on, and spans to the OTLP collector when one is given: its tracer, and the service that batches and
    /// sends spans, run with the server (nothing is bootstrapped globally).
    func settings(logger: Logger) throws -> TelemetrySettings {
        guard let otelEndpoint else { return TelemetrySettings(metrics: true) }
        var configuration = OTel.Configuration.default
        configuration.serviceName = "baton"
        configuration.diagnosticLogger = .custom(logger)
        configuration.metrics.enabled = false
        configuration.logs.enabled = false
        configuration.traces.otlpExporter.endpoint = Self.tracesURL(otelEndpoint)
        let backend = try OTel.makeTracingBackend(configuration: configuration)
        return TelemetrySettings(metrics: true, tracer: backend.factory, services: [backend.service])
    }
}
