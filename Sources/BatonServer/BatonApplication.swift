public import BatonCore
public import Hummingbird
public import Logging
public import ServiceLifecycle

/// Builds Baton's HTTP application around an engine.
public enum BatonApplication {
    /// The request context Baton's routes use.
    public typealias Context = BatonRequestContext

    /// The router with Baton's API: `POST /api/deploy`, `GET /api/catalog`, `GET /healthz`, the web page at `/`, the
    /// API's OpenAPI description at `GET /openapi.json`, and `GET /metrics` when the engine's telemetry counts into a
    /// Prometheus registry. With telemetry on, each of these requests is counted and traced (``Telemetry``).
    /// - Parameters:
    ///   - connector: connects users' own GitHub and Vercel accounts (`/api/connections`); `nil` offers none.
    ///   - publicURL: the server's public base URL, on which OAuth callback URLs are built (`nil`: each request's `Host`).
    ///   - extraRoutes: adds more routes (the sandbox, say) to the same router.
    public static func buildRouter(
        engine: WorkflowEngine,
        catalog: Catalog,
        limits: ValidationLimits = .standard,
        connector: AccountConnector? = nil,
        publicURL: String? = nil,
        extraRoutes: (Router<Context>) -> Void = { _ in }
    ) -> Router<Context> {
        let router = Router(context: Context.self)
        // On the router itself, so unmatched paths (and `extraRoutes`) answer JSON errors too.
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: JSONErrorMiddleware())
        func register(on routes: some RouterMethods<Context>) {
            registerRoutes(
                .all, on: routes, engine: engine, catalog: catalog, limits: limits, connector: connector, publicURL: publicURL
            )
        }
        if engine.telemetry.isRecording {
            // Baton's own routes only (not `extraRoutes`), counted with the status their own JSON errors answer.
            let group = router.group()
            group.add(middleware: TelemetryMiddleware(telemetry: engine.telemetry))
            group.add(middleware: JSONErrorMiddleware())
            register(on: group)
        } else {
            register(on: router)
        }
        extraRoutes(router)
        return router
    }

    /// Adds Baton's routes to a host's router, at these paths: `POST /api/deploy`, `GET /api/catalog`,
    /// `GET /api/workflows`, `/api/connections…` (``BatonRoutes/api``), `GET /healthz` (``BatonRoutes/healthCheck``),
    /// the web page at `GET /` and `GET /assets/…` (``BatonRoutes/webPage``), the API's OpenAPI description at
    /// `GET /openapi.json` (``BatonRoutes/apiDescription``), and `GET /metrics` (``BatonRoutes/metrics``, when the
    /// engine's telemetry counts into a Prometheus registry). The page calls the API at `/api` and
    /// OAuth callbacks come back to `/api/connections/…`, so mount them on the router itself, not under a prefix.
    ///
    /// Baton's middleware (its request log, its JSON error bodies and, when the engine's telemetry records, its request
    /// metrics and spans) applies to these routes only: they are added in a group of their own, so the host's other
    /// routes keep their own error handling (and a path no route matches gets the host's answer).
    /// - Parameters:
    ///   - router: the host's router; its context must carry the client's address (`RemoteAddressRequestContext`),
    ///     the principal under `--auth none` and the key of the abuse limits.
    ///   - connector: connects users' own GitHub and Vercel accounts (`/api/connections`); `nil` offers none.
    ///   - publicURL: the server's public base URL, on which OAuth callback URLs are built (`nil`: each request's `Host`).
    public static func addRoutes<HostContext: RemoteAddressRequestContext>(
        to router: some RouterMethods<HostContext>,
        engine: WorkflowEngine,
        catalog: Catalog,
        limits: ValidationLimits = .standard,
        connector: AccountConnector? = nil,
        publicURL: String? = nil,
        serving routes: BatonRoutes = .all
    ) {
        let group = router.group()
        if engine.telemetry.isRecording { group.add(middleware: TelemetryMiddleware(telemetry: engine.telemetry)) }
        group.add(middleware: RequestLogMiddleware())
        group.add(middleware: JSONErrorMiddleware())
        registerRoutes(
            routes, on: group, engine: engine, catalog: catalog, limits: limits, connector: connector, publicURL: publicURL
        )
    }

    private static func registerRoutes<HostContext: RemoteAddressRequestContext>(
        _ routes: BatonRoutes, on router: some RouterMethods<HostContext>, engine: WorkflowEngine, catalog: Catalog,
        limits: ValidationLimits, connector: AccountConnector?, publicURL: String?
    ) {
        if routes.contains(.api) {
            DeployRoutes(engine: engine, parser: DeployRequestParser(catalog: catalog, limits: limits)).register(on: router)
            CatalogRoutes(catalog: catalog, definitionVersion: engine.definitionVersion).register(on: router)
            WorkflowListRoutes(engine: engine).register(on: router)
            ConnectionRoutes(engine: engine, connector: connector, publicURL: publicURL).register(on: router)
        }
        if routes.contains(.healthCheck) { HealthRoutes().register(on: router) }
        if routes.contains(.webPage) { WebRoutes(assets: WebAsset.embedded).register(on: router) }
        if routes.contains(.apiDescription) { OpenAPIRoutes().register(on: router) }
        if routes.contains(.metrics), let registry = engine.telemetry.prometheusRegistry {
            MetricsRoutes(engine: engine, telemetry: engine.telemetry, registry: registry).register(on: router)
        }
    }

    /// The application: the router served on the configured address.
    /// - Parameters:
    ///   - services: long-lived resources to run alongside the server (a PostgreSQL client).
    ///   - beforeServerStarts: runs once the services run and before the server accepts requests (migrations).
    ///   - onServerRunning: called with the bound port once the server listens (useful with port 0).
    public static func build(
        configuration: BatonServerConfiguration,
        engine: WorkflowEngine,
        catalog: Catalog,
        logger: Logger,
        connector: AccountConnector? = nil,
        services: [any Service] = [],
        beforeServerStarts: @escaping @Sendable () async throws -> Void = {},
        extraRoutes: (Router<Context>) -> Void = { _ in },
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = buildRouter(
            engine: engine, catalog: catalog, limits: configuration.limits, connector: connector, publicURL: configuration.publicURL,
            extraRoutes: extraRoutes
        )
        var app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Baton"),
            services: services,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger
        )
        app.beforeServerStarts(perform: beforeServerStarts)
        return app
    }
}
