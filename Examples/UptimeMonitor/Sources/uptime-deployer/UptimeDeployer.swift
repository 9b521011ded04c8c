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
// PORT (default 8090) sets the port. Workflows live in memory; see Baton's README for SQLite and PostgreSQL.

@main
enum UptimeDeployer {
    static func main() async throws {
        let environment = ProcessInfo.processInfo.environment
        let sandboxed = CommandLine.arguments.dropFirst().contains("--sandbox")
        let port = environment["PORT"].flatMap(Int.init) ?? 8090
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
        guard sandboxed || environment["MONITOR_API_URL"] != nil else {
            FileHandle.standardError.write(Data("Set MONITOR_API_URL and MONITOR_API_KEY, or run with --sandbox.\n".utf8))
            exit(64)
        }

        let http = HTTPClient(eventLoopGroupProvider: .singleton)
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
        try await http.shutdown()
    }
}
