import BatonCore
import Hummingbird
import Logging
import NIOCore
import Prometheus

/// `GET /metrics`: Baton's metrics in Prometheus's text format (`text/plain; version=0.0.4`), for a Prometheus server
/// to scrape. ``TelemetryMetric`` lists them. The open-workflow gauge is counted from the store on each scrape; when
/// the store cannot count, the gauge is left out of that answer (missing, not stale) and the rest is served.
struct MetricsRoutes<Context: RequestContext>: Sendable {
    let engine: WorkflowEngine
    let telemetry: Telemetry
    let registry: PrometheusCollectorRegistry

    /// The media type of Prometheus's text exposition format.
    static var contentType: String { "text/plain; version=0.0.4" }

    func register(on router: some RouterMethods<Context>) {
        router.get("/metrics") { _, context in
            await self.exposition(logger: context.logger)
        }
    }

    private func exposition(logger: Logger) async -> Response {
        do {
            telemetry.recordOpenWorkflows(try await engine.openWorkflowCount())
        } catch {
            logger.warning("the store could not count open workflows; /metrics leaves the gauge out", metadata: [
                "error": "\(String(reflecting: error))",
            ])
            telemetry.recordOpenWorkflows(nil)
        }
        var bytes: [UInt8] = []
        registry.emit(into: &bytes)
        return Response(
            status: .ok, headers: [.contentType: Self.contentType], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
