import ArgumentParser
import AsyncHTTPClient
import BatonCore
import BatonKit
import BatonStores
import Foundation
import Logging

/// `baton-bench`: Baton's per-action overhead and status throughput beside a bare Hummingbird control, in one run.
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baton-bench",
        abstract: "Measure Baton's per-action overhead and status throughput beside a bare Hummingbird JSON echo."
    )

    @Option(help: "How many actions to measure for the overhead figures.")
    var actions = 1000

    @Option(help: "Requests in flight for the throughput figures.")
    var concurrency = 16

    @Option(help: "Seconds each throughput measurement runs.")
    var seconds = 3.0

    @Flag(help: "Print one JSON object with every figure instead of a table.")
    var json = false

    @Option(help: "The store to measure: memory, sqlite or postgres.")
    var store = BenchStore.memory

    @Option(help: ArgumentHelp("The PostgreSQL URL for --store postgres (also BATON_TEST_POSTGRES_URL).", valueName: "url"))
    var postgresURL: String?

    @Flag(help: "Measure Baton with its metrics on (GET /metrics, as baton serve runs), to compare with a run without.")
    var metrics = false

    func validate() throws {
        guard actions >= 1, concurrency >= 1, seconds > 0 else {
            throw ValidationError("--actions and --concurrency must be at least 1, and --seconds more than 0.")
        }
    }

    func run() async throws {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(concurrency, 8)
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let environment = ProcessInfo.processInfo.environment
        var logger = Logger(label: "baton.bench")
        logger.logLevel = .warning
        let report: BenchReport
        do {
            let place = try await store.makePlace(postgresURL: postgresURL ?? environment["BATON_TEST_POSTGRES_URL"], logger: logger)
            do {
                report = try await measure(in: place, http: http, logger: logger)
            } catch {
                try? await place.remove()
                throw error
            }
            try await place.remove()
            try await http.shutdown()
        } catch {
            try await http.shutdown()
            throw error
        }
        print(json ? try report.json() : report.table(targets: store.targets))
    }

    /// Starts the servers on a store at `place`, measures, and stops them.
    private func measure(in place: BenchStorePlace, http: HTTPClient, logger: Logger) async throws -> BenchReport {
        let configured = try ConfiguredStore.open(place.location, environment: ["BATON_SECRET_KEY": SecretKeySource.generateKey()], logger: logger)
        let telemetry = metrics ? TelemetrySettings(metrics: true) : .off
        return try await BenchServers.run(configured: configured, telemetry: telemetry, logger: logger) { servers in
            let client = BenchClient(http: http)
            let overhead = try await ActionOverheadProbe(client: client, servers: servers).run(actions: actions, warmup: min(200, actions))
            let throughput = try await ThroughputProbe(client: client, servers: servers).run(concurrency: concurrency, seconds: seconds)
            return BenchReport(
                store: store.rawValue, metrics: metrics, actions: actions, concurrency: concurrency, overhead: overhead, throughput: throughput)
        }
    }
}
