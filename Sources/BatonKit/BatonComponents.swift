public import BatonCore
import BatonServer
public import BatonStores

/// Everything a Baton server is made of, chosen by its host and passed to ``Baton/init(_:logger:)`` or
/// ``buildApplication(_:host:port:logger:extraRoutes:onServerRunning:)``: where workflows live, what can be deployed,
/// the workflow definition and the actions that implement it, whose accounts it deploys into, who may start
/// workflows, the clock, and the engine's bounds.
///
/// `baton serve`, the benchmark and the tests all assemble Baton from these; so does a host that mounts Baton in its
/// own Hummingbird server (see `Examples/UptimeMonitor`).
public struct BatonComponents: Sendable {
    /// Where workflows, call slots, API keys and sealed secrets live, and the key that seals env values and tokens
    /// (`ConfiguredStore.open(_:environment:logger:)` for SQLite or PostgreSQL, ``ConfiguredStore/memory(sealer:)``).
    public var store: ConfiguredStore
    /// The apps that can be deployed.
    public var catalog: Catalog
    /// What every app of a workflow runs, in which order; ``WorkflowDefinition/deployment`` by default, or a host's own.
    public var definition: WorkflowDefinition
    /// The implementation of every action the definition names (`ActionRegistry.providers(_:)` for the built-in
    /// GitHub and Vercel actions, ``ActionRegistry/adding(_:)`` for a host's own).
    public var actions: ActionRegistry
    /// The OAuth apps through which users connect their own GitHub and Vercel accounts; none by default.
    public var accountProviders: [any AccountProvider]
    /// Who may start workflows; anyone by default (``OpenAccess``).
    public var authenticator: any Authenticator
    /// The engine's clock; tests step a manual one.
    public var clock: any BatonClock
    /// The engine's bounds: the request budget, action timeouts, workflow lifetime, and the abuse limits of `init`.
    public var configuration: WorkflowEngine.Configuration
    /// How large a request may be (apps per workflow, body bytes).
    public var limits: ValidationLimits
    /// The server's public base URL, on which OAuth callback URLs are built; `nil` takes each request's `Host`.
    public var publicURL: String?
    /// What Baton reports about itself: metrics at `GET /metrics`, spans to a tracer; ``TelemetrySettings/off`` by
    /// default.
    public var telemetry: TelemetrySettings

    public init(
        store: ConfiguredStore,
        catalog: Catalog = .builtIn,
        definition: WorkflowDefinition = .deployment,
        actions: ActionRegistry,
        accountProviders: [any AccountProvider] = [],
        authenticator: any Authenticator = OpenAccess(),
        clock: any BatonClock = SystemClock(),
        configuration: WorkflowEngine.Configuration = .init(),
        limits: ValidationLimits = .standard,
        publicURL: String? = nil,
        telemetry: TelemetrySettings = .off
    ) {
        self.store = store
        self.catalog = catalog
        self.definition = definition
        self.actions = actions
        self.accountProviders = accountProviders
        self.authenticator = authenticator
        self.clock = clock
        self.configuration = configuration
        self.limits = limits
        self.publicURL = publicURL
        self.telemetry = telemetry
    }
}
