import AsyncHTTPClient
import BatonCore
import BatonKit
import BatonProviders
import BatonSandbox
import BatonStores
import BatonTestSupport
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// A sandbox and a Baton server whose providers point at it, both on loopback sockets, for one test.
struct SandboxedServers: Sendable {
    /// The sandbox's base URL, ending in `/sandbox`.
    let sandboxURL: String
    /// Baton's base URL.
    let batonURL: String
    /// A JSON client.
    let client: JSONClient
    /// Provider clients pointed at the sandbox with valid tokens.
    let providers: ProviderClients

    /// Starts both servers, runs `body`, stops them, and checks every exchange `client` had with Baton against its
    /// OpenAPI description (throwing ``APIContractViolation`` when one does not conform). Pass a ``ManualSandboxClock`` to step the sandbox's time yourself,
    /// and a ``ManualClock`` as `engineClock` to step Baton's (its retries' waits and its deadlines); `telemetry` turns
    /// on Baton's `GET /metrics` and spans.
    static func run<Value: Sendable>(
        sandbox configuration: SandboxConfiguration = SandboxConfiguration(forkSeconds: 0.3, buildSeconds: 0.6),
        clock: any SandboxClock = SystemSandboxClock(),
        recordExchangesTo recordPath: String? = nil,
        budget: Duration = .seconds(8),
        actionTimeouts: [String: Duration] = [:],
        engineClock: any BatonClock = SystemClock(),
        catalog: Catalog = .builtIn,
        githubToken: String = "test-github-token",
        telemetry: TelemetrySettings = .off,
        _ body: @Sendable (SandboxedServers) async throws -> Value
    ) async throws -> Value {
        var logger = Logger(label: "baton.provider-tests")
        logger.logLevel = .warning
        // Tests send up to 20 requests at once, each making provider calls: with the default pool of 8 connections
        // per host, the rest queue, and on a loaded machine a queued request waited past the connect timeout
        // (getConnectionFromPoolTimeout in a CI run).
        var httpConfiguration = HTTPClient.Configuration()
        httpConfiguration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration)
        let recorder = APIExchangeRecorder()
        let sandbox = ProviderSandbox(configuration: configuration, clock: clock, recordExchangesTo: recordPath)
        let sandboxRouter = Router()
        sandbox.register(on: sandboxRouter)
        let sandboxPort = PortPromise()
        let sandboxApp = Application(
            router: sandboxRouter, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { await sandboxPort.fulfil($0.localAddress?.port ?? 0) }, logger: logger
        )
        let sandboxServices = ServiceGroup(configuration: .init(services: [sandboxApp], logger: logger))
        do {
            let value: Value = try await withThrowingTaskGroup(of: Value?.self) { group in
                group.addTask { try await sandboxServices.run(); return nil }
                let sandboxURL = "http://127.0.0.1:\(await sandboxPort.value)/sandbox"
                let settings = ProviderSettings(
                    githubAPIURL: sandboxURL + "/github", vercelAPIURL: sandboxURL + "/vercel",
                    githubToken: ProviderToken(githubToken), vercelToken: ProviderToken("test-vercel-token")
                )
                let clients = ProviderClients(settings: settings, http: http)
                let batonPort = PortPromise()
                let baton = try buildApplication(
                    BatonComponents(
                        store: .memory(), catalog: catalog, actions: .providers(clients), clock: engineClock,
                        configuration: .init(requestBudget: budget, actionTimeouts: actionTimeouts), telemetry: telemetry
                    ),
                    port: 0, logger: logger, onServerRunning: { await batonPort.fulfil($0) }
                )
                let batonServices = ServiceGroup(configuration: .init(services: [baton], logger: logger))
                group.addTask { try await batonServices.run(); return nil }
                let batonURL = "http://127.0.0.1:\(await batonPort.value)"
                let servers = SandboxedServers(
                    sandboxURL: sandboxURL, batonURL: batonURL, client: JSONClient(http: http, baseURL: batonURL, recordingTo: recorder),
                    providers: clients
                )
                do {
                    let value = try await body(servers)
                    await batonServices.triggerGracefulShutdown()
                    await sandboxServices.triggerGracefulShutdown()
                    return value
                } catch {
                    await batonServices.triggerGracefulShutdown()
                    await sandboxServices.triggerGracefulShutdown()
                    throw error
                }
            }
            try await http.shutdown()
            try await recorder.validate()
            return value
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    /// The sandbox's `GET /sandbox/state`.
    func sandboxState() async throws -> SandboxSnapshot {
        try await SandboxControl(client: client, sandboxURL: sandboxURL).state()
    }

    /// Sends a request to the sandbox's GitHub or Vercel API with the servers' valid token, as another client of
    /// the same account would (`path` below `/sandbox`, such as `/vercel/v10/projects/p/env`).
    func providerCall(_ path: String, json: String) async throws -> JSONReply {
        try await SandboxControl(client: client, sandboxURL: sandboxURL).providerCall(path, json: json)
    }

    /// Sets sandbox knobs and faults with `POST /sandbox/faults`.
    func setFaults(_ json: String) async throws {
        try await SandboxControl(client: client, sandboxURL: sandboxURL).setFaults(json)
    }
}

/// A port that becomes known once a server listens.
actor PortPromise {
    private var port: Int?
    private var waiters: [CheckedContinuation<Int, Never>] = []

    func fulfil(_ port: Int) {
        self.port = port
        for waiter in waiters { waiter.resume(returning: port) }
        waiters = []
    }

    var value: Int {
        get async {
            if let port { return port }
            return await withCheckedContinuation { waiters.append($0) }
        }
    }
}

/// A test expectation that failed outside `#expect`.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
