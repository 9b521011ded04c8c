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
        let sandboxPort = AsyncStream.makeStream(of: Int.self)
        let sandboxApp = Application(
            router: sandboxRouter, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { sandboxPort.continuation.yield($0.localAddress?.port ?? 0) }, logger: logger
        )
        let sandboxServices = ServiceGroup(configuration: .init(services: [sandboxApp], logger: logger))
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    defer { sandboxPort.continuation.finish() }
                    try await sandboxServices.run()
                }
                let sandboxURL = "http://127.0.0.1:\(try await firstPort(of: sandboxPort.stream))"
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
                let hostPort = AsyncStream.makeStream(of: Int.self)
                let host = DeployerServer.buildApplication(
                    baton: baton, port: 0, logger: logger, onServerRunning: { hostPort.continuation.yield($0) }
                )
                let hostServices = ServiceGroup(configuration: .init(services: [host], logger: logger))
                group.addTask {
                    defer { hostPort.continuation.finish() }
                    try await hostServices.run()
                }
                let hostURL = "http://127.0.0.1:\(try await firstPort(of: hostPort.stream))"
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

/// The port a server reports once it listens: the first that `ports` yields. The stream ends when the server stops,
/// so a server that stopped before it listened (a bad router, a taken port) fails the test instead of hanging it.
private func firstPort(of ports: AsyncStream<Int>) async throws -> Int {
    for await port in ports { return port }
    throw ServerStoppedBeforeListening()
}

/// A test server stopped before it reported its port.
struct ServerStoppedBeforeListening: Error {}
