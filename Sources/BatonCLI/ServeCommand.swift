import ArgumentParser
import AsyncHTTPClient
import BatonCore
import BatonKit
import BatonProviders
import BatonSandbox
import BatonServer
import BatonStores
import Foundation
import Hummingbird
import Logging

/// `baton serve`: the deploy API, `GET /api/catalog`, `GET /healthz` and `GET /metrics`; spans over OTLP with
/// `--otel-endpoint`.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve POST /api/deploy.",
        discussion: """
            Tokens come from the environment: GITHUB_TOKEN, VERCEL_TOKEN and, optionally, VERCEL_TEAM_ID. \
            With --sandbox, Baton serves an imitation of GitHub and Vercel itself and needs no tokens. \
            Env values are sealed at rest with BATON_SECRET_KEY (see `baton keygen`); with an SQLite store and no \
            BATON_SECRET_KEY, a key file is created beside the database.
            """
    )

    @Option(help: "The address to bind.")
    var host = "127.0.0.1"

    @Option(help: "The port to bind.")
    var port = 8080

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("A catalog file (JSON or YAML) instead of the built-in one.", valueName: "path"))
    var catalog: String?

    @Option(help: "The most time one request may spend (e.g. 8s, 500ms).")
    var requestBudget = DurationArgument(.seconds(8))

    @Option(
        name: .customLong("action-timeout"),
        help: ArgumentHelp(
            "How long an action may run (deploy=2h), or one of its phases (deploy.build=60m); repeatable. Defaults: fork-repository 10m, with fork-repository.queue 60m; create-project, configure-env, assign-domain, present-dns 3m; deploy 2h, with deploy.repository 5m, deploy.queue 60m, deploy.build 50m, deploy.alias 10m. Time in a queue phase (waiting for GitHub or Vercel capacity) is bounded by that phase and not counted against the action.",
            valueName: "action=duration"
        )
    )
    var actionTimeouts: [ActionTimeoutArgument] = []

    @Option(help: "The most apps one workflow may deploy (the request body limit grows with it: 5 KiB per app, at least 64 KiB).")
    var maxApps = ValidationLimits.defaultMaxApps

    @OptionGroup var access: AuthOptions

    @OptionGroup var accountConnections: AccountConnectionOptions

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    @OptionGroup var providers: ProviderOptions

    @OptionGroup var telemetry: TelemetryOptions

    @Flag(help: "Serve the GitHub and Vercel sandbox from this server and point the providers at it.")
    var sandbox = false

    @OptionGroup var sandboxKnobOptions: SandboxKnobOptions<SandboxSpelling>

    var sandboxKnobs: SandboxKnobs { sandboxKnobOptions.knobs }

    /// The sandbox's knobs beside Baton's own options: `--sandbox-latency-ms`, with help that starts "Sandbox:".
    enum SandboxSpelling: SandboxKnobSpelling {
        static let flagPrefix = "sandbox-"

        static func help(_ description: String) -> String {
            "Sandbox: " + description.prefix(1).lowercased() + description.dropFirst()
        }

        static let contentCreationLimitHelp =
            "Sandbox: GitHub's content-creation limit from the start (forks and generates beyond it get the secondary-limit 403; GitHub's: 80,500)."
    }

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level \(logLevel) is not a level.") }
        guard requestBudget.duration > .zero else { throw ValidationError("--request-budget must be more than 0.") }
        guard (1...10_000).contains(maxApps) else { throw ValidationError("--max-apps must be from 1 to 10000.") }
        try access.validate(sandbox: sandbox)
        if sandbox {
            guard port != 0 else { throw ValidationError("--sandbox needs a fixed --port, since the providers are pointed at it.") }
            try sandboxKnobOptions.validateKnobs()
        }
    }

    func run() async throws {
        var logger = Logger(label: "baton")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let catalog: Catalog
        do {
            catalog = try self.catalog.map(CatalogFile.load(path:)) ?? .builtIn
        } catch let error as CatalogFileError {
            throw ValidationError(error.description)
        }
        let sandboxURL = sandbox ? "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)/sandbox" : nil
        let settings = providers.settings(environment: ProcessInfo.processInfo.environment, sandboxURL: sandboxURL)
        let environment = ProcessInfo.processInfo.environment
        let jwt = try await access.jwtAuthenticator(environment: environment)
        let location = try storeOptions.location(environment: environment)
        let configured: ConfiguredStore
        do {
            configured = try ConfiguredStore.open(location, environment: environment, logger: logger)
        } catch let error as SecretKeyError {
            throw ValidationError(error.description)
        }
        let authenticator = access.authenticator(keys: configured.keys, jwt: jwt)
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let clock = SystemClock()
            let components = BatonComponents(
                store: configured, catalog: catalog,
                actions: .providers(ProviderClients(settings: settings, http: http)),
                accountProviders: try accountConnections.providers(
                    environment: environment, sandboxURL: sandboxURL, settings: settings, http: http, clock: clock
                ),
                authenticator: authenticator, clock: clock,
                configuration: .init(
                    requestBudget: requestBudget.duration, workflowTTL: storeOptions.workflowTtl.duration,
                    actionTimeouts: ActionTimeoutArgument.settings(actionTimeouts),
                    initPace: access.initPaceLimit, maxOpenWorkflows: access.openWorkflowLimit
                ),
                limits: ValidationLimits(maxApps: maxApps), publicURL: try accountConnections.checkedPublicURL(),
                telemetry: try telemetry.settings(logger: logger)
            )
            let providerSandbox = sandbox ? ProviderSandbox(configuration: sandboxKnobs.configuration) : nil
            let app = try Self.explainingTimeoutSettings {
                try buildApplication(
                    components, host: host, port: port, logger: logger,
                    extraRoutes: { router in providerSandbox?.register(on: router) },
                    onServerRunning: { [logger] port in
                        logger.notice("Baton is listening", metadata: [
                            "url": "http://\(host):\(port)", "store": "\(location)", "providers": "\(sandboxURL ?? "GitHub and Vercel")",
                            "auth": "\(access.mode.rawValue)",
                        ])
                    }
                )
            }
            try await app.runService()
            try await http.shutdown()
        } catch {
            try await http.shutdown()
            throw error
        }
    }

    /// `body`'s value; an `--action-timeout` naming no action or phase becomes a usage error saying which ones exist.
    private static func explainingTimeoutSettings<Value>(_ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch WorkflowEngineError.unknownTimeoutSettings(let unknown, let known) {
            throw ValidationError(
                "--action-timeout: \(unknown.joined(separator: ", ")) names no action or phase; the settings are \(known.joined(separator: ", "))."
            )
        }
    }
}
