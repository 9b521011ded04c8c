import BatonCore
import BatonStores
import Foundation
public import Logging
import PostgresNIO

/// An empty database of its own on a PostgreSQL server, for one benchmark run or test: it never meets another
/// run's workflows, or the secret key check another run recorded under its own key.
public struct PostgresScratchDatabase: Sendable {
    /// The new database's URL.
    public let url: String
    private let serverURL: String
    private let name: String

    /// Creates a database named `prefix` and 32 random hex digits on the server `serverURL` points at (through
    /// the database it names).
    /// - Parameter prefix: lowercase letters, digits and underscores, starting with a letter.
    public static func create(onServerAt serverURL: String, prefix: String, logger: Logger) async throws -> PostgresScratchDatabase {
        precondition(prefix.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLowercase || $0.isNumber)) }, "not an SQL name: \(prefix)")
        let name = "\(prefix)_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        guard var components = URLComponents(string: serverURL) else {
            throw WorkflowStoreError.unavailable("The PostgreSQL URL must look like postgres://user:password@host:port/database.")
        }
        try await execute("CREATE DATABASE \(name)", serverURL: serverURL, logger: logger)
        components.path = "/\(name)"
        return PostgresScratchDatabase(url: components.string ?? serverURL, serverURL: serverURL, name: name)
    }

    /// Drops the database, closing the connections still open to it.
    public func drop(logger: Logger) async throws {
        try await Self.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", serverURL: serverURL, logger: logger)
    }

    /// Runs one statement through a client of its own; gives up after `timeout` (PostgresNIO keeps trying to
    /// connect to a server that does not answer, and would wait forever). A minute: `CREATE DATABASE`s queue on the
    /// template database, and a loaded 2-core machine running many at once took more than 15 s.
    private static func execute(_ sql: String, serverURL: String, logger: Logger, timeout: Duration = .seconds(60)) async throws {
        let client = try PostgresWorkflowStore(url: serverURL, logger: logger).client
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await RunningServices.around([client]) {
                    _ = try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger)
                }
                return true
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return false
            }
            defer { group.cancelAll() }
            guard try await group.next() == true else {
                throw WorkflowStoreError.unavailable("PostgreSQL did not run `\(sql)` within \(timeout); is it running at \(StoreLocation.postgres(url: serverURL))?")
            }
        }
    }
}
