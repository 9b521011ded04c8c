public import BatonCore
public import BatonServer
import BatonStores
public import Hummingbird
public import Logging
public import ServiceLifecycle

/// Baton assembled from its ``BatonComponents``: the workflow engine and the account connector, with the routes that
/// serve them and the services they need running.
///
/// A host mounts it on its own router:
/// ```swift
/// let baton = try Baton(components, logger: logger)
/// let router = Router(context: MyRequestContext.self)   // a RemoteAddressRequestContext
/// baton.addRoutes(to: router)
/// var app = Application(router: router, services: baton.services, logger: logger)
/// app.beforeServerStarts(perform: baton.prepare)
/// ```
/// or lets ``buildApplication(_:host:port:logger:extraRoutes:onServerRunning:)`` do all of that.
public struct Baton: Sendable {
    /// What this Baton was assembled from.
    public let components: BatonComponents
    /// The engine behind `POST /api/deploy`.
    public let engine: WorkflowEngine
    /// Connects users' own accounts (`/api/connections`); `nil` when ``BatonComponents/accountProviders`` is empty.
    public let connector: AccountConnector?

    /// Assembles Baton.
    /// - Throws: `WorkflowEngineError.invalidDefinition` when the definition cannot be planned (an id twice, a
    ///   dependency it does not have or that comes later), `WorkflowEngineError.missingActions` when the actions lack
    ///   one the definition names, and `WorkflowEngineError.unknownTimeoutSettings` when a timeout setting names no
    ///   action or phase.
    public init(_ components: BatonComponents, logger: Logger) throws {
        let vault = AccountVault(
            secrets: components.store.secrets, sealer: components.store.sealer, providers: components.accountProviders,
            clock: components.clock
        )
        self.components = components
        self.engine = try WorkflowEngine(
            store: components.store.store, authenticator: components.authenticator, pacer: components.store.pacer,
            catalog: components.catalog, definition: components.definition, actions: components.actions,
            sealer: components.store.sealer, accountVault: vault, clock: components.clock,
            configuration: components.configuration, logger: logger, telemetry: components.telemetry.makeTelemetry()
        )
        self.connector = components.accountProviders.isEmpty ? nil : AccountConnector(vault: vault, clock: components.clock)
    }

    /// Adds Baton's routes to a host's router, at the root: the API under `/api` (`POST /api/deploy`,
    /// `GET /api/catalog`, `GET /api/workflows`, `/api/connections…`), `GET /healthz`, the web page at `GET /` and
    /// `GET /assets/…`, and the API's OpenAPI description at `GET /openapi.json`. Leave out what the host serves itself
    /// with `serving` (`[.api, .webPage, .apiDescription]` for a host with its own `/healthz`): a router takes one
    /// handler per method and path. Baton's request log and JSON errors apply to
    /// these routes only.
    public func addRoutes<Context: RemoteAddressRequestContext>(
        to router: some RouterMethods<Context>, serving routes: BatonRoutes = .all
    ) {
        BatonApplication.addRoutes(
            to: router, engine: engine, catalog: components.catalog, limits: components.limits, connector: connector,
            publicURL: components.publicURL, serving: routes
        )
    }

    /// The long-lived services to run alongside the server: the store's (the PostgreSQL client) and the telemetry's
    /// (an OTLP exporter).
    public var services: [any Service] { components.store.services + components.telemetry.services }

    /// What this Baton counts and traces into (``BatonComponents/telemetry`` made real: with metrics on, a Prometheus
    /// registry of this Baton's own).
    public var telemetry: Telemetry { engine.telemetry }

    /// Runs the store's migrations and checks its secret key; call once ``services`` run and before the server
    /// accepts requests (`Application.beforeServerStarts(perform:)`).
    public func prepare() async throws {
        try await components.store.prepare()
    }
}
