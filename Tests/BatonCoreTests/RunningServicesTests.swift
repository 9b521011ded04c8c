import BatonPostgresScratch
import BatonStores
import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization
import Testing

/// Running a store's services around a piece of work, outside a server, and scratch PostgreSQL databases.
@Suite("Running services")
struct RunningServicesTests {
    /// A service that runs until cancelled, and notes that it stopped.
    private final class RecordingService: Service, Sendable {
        let stopped = Mutex(false)

        func run() async {
            try? await Task.sleep(for: .seconds(3600))
            stopped.withLock { $0 = true }
        }
    }

    @Test func servicesRunDuringTheBodyAndHaveStoppedAfterIt() async throws {
        let services = [RecordingService(), RecordingService()]
        let runningDuringBody = try await RunningServices.around(services) {
            services.map { !$0.stopped.withLock { $0 } }
        }
        #expect(runningDuringBody == [true, true])
        #expect(services.allSatisfy { $0.stopped.withLock { $0 } })
    }

    @Test func runsTheBodyWithoutServices() async throws {
        #expect(try await RunningServices.around([]) { 42 } == 42)
    }

    @Test(.enabled(if: TestStoreKind.available.contains(.postgres)))
    func scratchDatabasesAreCreatedEmptyAndDropped() async throws {
        let serverURL = try #require(ProcessInfo.processInfo.environment["BATON_TEST_POSTGRES_URL"], "BATON_TEST_POSTGRES_URL is not set")
        let logger = Logger(label: "test.scratch")
        let database = try await PostgresScratchDatabase.create(onServerAt: serverURL, prefix: "baton_test", logger: logger)
        let name = String(try #require(URLComponents(string: database.url)?.path.dropFirst()))
        #expect(try await Self.databaseExists(name, serverURL: serverURL, logger: logger))
        try await database.drop(logger: logger)
        #expect(try await !Self.databaseExists(name, serverURL: serverURL, logger: logger))
    }

    private static func databaseExists(_ name: String, serverURL: String, logger: Logger) async throws -> Bool {
        let client = try PostgresWorkflowStore(url: serverURL, logger: logger).client
        return try await RunningServices.around([client]) {
            let rows = try await client.query("SELECT 1 FROM pg_database WHERE datname = \(name)", logger: logger)
            for try await _ in rows { return true }
            return false
        }
    }
}
