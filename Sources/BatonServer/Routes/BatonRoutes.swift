/// Which of Baton's routes a host mounts (``BatonApplication/addRoutes(to:engine:catalog:limits:connector:publicURL:serving:)``):
/// a host that has its own `GET /`, `GET /healthz` or `GET /openapi.json` leaves those out, since a router takes one
/// handler per method and path (Hummingbird stops the process on a second one).
public struct BatonRoutes: OptionSet, Sendable, Hashable {
    public let rawValue: Int

    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// The API under `/api`: `POST /api/deploy`, `GET /api/catalog`, `GET /api/workflows` and `/api/connections…`.
    public static let api = BatonRoutes(rawValue: 1 << 0)
    /// `GET /healthz`, answering `{"status":"ok"}`.
    public static let healthCheck = BatonRoutes(rawValue: 1 << 1)
    /// The deploy page at `GET /` and its files under `GET /assets/…`; it calls the API at `/api`, so it needs ``api``.
    public static let webPage = BatonRoutes(rawValue: 1 << 2)
    /// `GET /openapi.json`: Baton's OpenAPI 3.1 description of every route here (`application/json`).
    public static let apiDescription = BatonRoutes(rawValue: 1 << 3)
    /// `GET /metrics`: Baton's metrics in Prometheus's text format, served when the engine's telemetry counts into a
    /// Prometheus registry (`Telemetry.prometheus(tracer:)`).
    public static let metrics = BatonRoutes(rawValue: 1 << 4)
    /// Every route.
    public static let all: BatonRoutes = [.api, .healthCheck, .webPage, .apiDescription, .metrics]
}
