import AsyncHTTPClient
import BatonKit
import BatonProviders
import BatonSandbox
import BatonStores
import Foundation
import Hummingbird
import Logging
import UptimeMonitor
import UptimeMonitorSandbox

// uptime-deployer: a host server with Baton inside, deploying apps and registering each with an uptime monitor.
//
//   swift run uptime-deployer --sandbox        GitHub, Vercel and the monitor imitated by this server itself
//   swift run uptime-deployer                  real providers: GITHUB_TOKEN, VERCEL_TOKEN, MONITOR_API_URL, MONITOR_API_KEY
//
// PORT (default 8091) sets the port. Workflows live in memory; see Baton's README for SQLite and PostgreSQL. Anyone who
// reaches the port may deploy (OpenAccess, Baton's default): give BatonComponents an authenticator before exposing it.

@main
enum UptimeDeployer {
    static func main() async throws {
        let environment = ProcessInfo.processInfo.environment
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.allSatisfy({ $0 == "--sandbox" }) else { stop("usage: uptime-deployer [--sandbox]; PORT sets the port.") }
        let sandboxed = arguments.contains("--sandbox")
        guard let port = Int(environment["PORT"] ?? "8091"), (1...65535).contains(port) else {
            stop("PORT must be a port number from 1 to 65535 (the sandbox's URLs are built on it).")
        }
        guard sandboxed || (environment["MONITOR_API_URL"] != nil && environment["MONITOR_API_KEY"] != nil) else {
            stop("Set MONITOR_API_URL and MONITOR_API_KEY, or run with --sandbox.")
        }
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try await serve(sandboxed: sandboxed, port: port, environment: environment, http: http)
        } catch {
            // A port already taken, say: say so, and close the HTTP client before leaving.
            FileHandle.standardError.write(Data("uptime-deployer stopped: \(error)\n".utf8))
            try await http.shutdown()
            exit(1)
        }
        try await http.shutdown()
    }

    static func serve(sandboxed: Bool, port: Int, environment: [String: String], http: HTTPClient) async throws {
        let local = "http://127.0.0.1:\(port)"
        let logger = Logger(label: "uptime-deployer")
        let monitorSandbox = UptimeMonitorSandbox()
        let providerSandbox = ProviderSandbox()
        let providerSettings = ProviderSettings(
            githubAPIURL: sandboxed ? "\(local)/sandbox/github" : environment["GITHUB_API_URL"] ?? "https://api.github.com",
            vercelAPIURL: sandboxed ? "\(local)/sandbox/vercel" : environment["VERCEL_API_URL"] ?? "https://api.vercel.com",
            githubToken: ProviderToken(environment["GITHUB_TOKEN"] ?? (sandboxed ? "sandbox-github-token" : nil)),
            vercelToken: ProviderToken(environment["VERCEL_TOKEN"] ?? (sandboxed ? "sandbox-vercel-token" : nil))
        )
        let monitor = UptimeMonitorClient(
            baseURL: sandboxed ? "\(local)/monitor-sandbox" : environment["MONITOR_API_URL"] ?? "",
            apiKey: sandboxed ? monitorSandbox.apiKey : environment["MONITOR_API_KEY"] ?? "",
            http: http
        )
        let baton = try Baton(
            DeployerServer.components(store: .memory(), providers: ProviderClients(settings: providerSettings, http: http), monitor: monitor),
            logger: logger
        )
        let app = DeployerServer.buildApplication(baton: baton, port: port, logger: logger, extraRoutes: { router in
            guard sandboxed else { return }
            providerSandbox.register(on: router)
            monitorSandbox.register(on: router)
        }, onServerRunning: { port in
            logger.notice("uptime-deployer is listening", metadata: ["url": "http://127.0.0.1:\(port)", "sandbox": "\(sandboxed)"])
        })
        try await app.runService()
    }

    /// Says what is wrong and exits with the usage error status.
    static func stop(_ message: String) -> Never {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
        exit(64)
    }
}
