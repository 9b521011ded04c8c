import AsyncHTTPClient
import BatonClient
import BatonKit
import BatonProviders
import BatonSandbox
import BatonStores
import Foundation
import Hummingbird
import Logging
import NIOHTTP1
import ServiceLifecycle
import UptimeMonitor
import UptimeMonitorSandbox

/// For one test: the imitated GitHub, Vercel and uptime monitor on one loopback server, and the host's server (its
/// own routes and Baton's) on another, with a Baton client for it.
struct HostServers: Sendable {
    /// A client of the host's Baton routes.
    let client: BatonClient
    /// The imitated uptime monitor, to look at what it was asked and to make it fail.
    let monitor: UptimeMonitorSandbox
    let hostURL: String
    let http: HTTPClient

    /// Starts both servers, runs `body`, stops them.
    /// - Parameter monitorKey: the API key the host sends the monitor (the sandbox accepts only its own).
    static func run(monitorKey: String? = nil, _ body: @Sendable (HostServers) async throws -> Void) async throws {
        var logger = Logger(label: "uptime-monitor-tests")
        logger.logLevel = .warning
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let monitor = UptimeMonitorSandbox()
        let providers = ProviderSandbox(configuration: SandboxConfiguration(forkSeconds: 0.3, buildSeconds: 0.6))
        let sandboxRouter = Router()
        providers.register(on: sandboxRouter)
        monitor.register(on: sandboxRouter)
        let sandboxPort = Port()
        let sandboxApp = Application(
            router: sandboxRouter, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { await sandboxPort.set($0.localAddress?.port ?? 0) }, logger: logger
        )
        let sandboxServices = ServiceGroup(configuration: .init(services: [sandboxApp], logger: logger))
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await sandboxServices.run() }
                let sandboxURL = "http://127.0.0.1:\(await sandboxPort.value)"
                let settings = ProviderSettings(
                    githubAPIURL: sandboxURL + "/sandbox/github", vercelAPIURL: sandboxURL + "/sandbox/vercel",
                    githubToken: ProviderToken("test-github-token"), vercelToken: ProviderToken("test-vercel-token")
                )
                let baton = try Baton(
                    DeployerServer.components(
                        store: .memory(), providers: ProviderClients(settings: settings, http: http),
                        monitor: UptimeMonitorClient(
                            baseURL: sandboxURL + "/monitor-sandbox", apiKey: monitorKey ?? monitor.apiKey, http: http
                        )
                    ),
                    logger: logger
                )
                let hostPort = Port()
                let host = DeployerServer.buildApplication(
                    baton: baton, port: 0, logger: logger, onServerRunning: { await hostPort.set($0) }
                )
                let hostServices = ServiceGroup(configuration: .init(services: [host], logger: logger))
                group.addTask { try await hostServices.run() }
                let hostURL = "http://127.0.0.1:\(await hostPort.value)"
                let servers = HostServers(
                    client: BatonClient(serverURL: URL(string: hostURL)!), monitor: monitor, hostURL: hostURL, http: http
                )
                do {
                    try await body(servers)
                } catch {
                    await hostServices.triggerGracefulShutdown()
                    await sandboxServices.triggerGracefulShutdown()
                    throw error
                }
                await hostServices.triggerGracefulShutdown()
                await sandboxServices.triggerGracefulShutdown()
            }
            try await http.shutdown()
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    /// A plain `GET` of the host's server: its status and body.
    func get(_ path: String) async throws -> (status: Int, body: String) {
        let response = try await http.execute(HTTPClientRequest(url: hostURL + path), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: body))
    }
}

/// A port that becomes known once a server listens.
actor Port {
    private var port: Int?
    private var waiters: [CheckedContinuation<Int, Never>] = []

    func set(_ port: Int) {
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
