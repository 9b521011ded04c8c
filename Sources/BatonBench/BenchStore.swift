import ArgumentParser
import BatonStores
import Foundation

/// The store a benchmark run measures.
enum BenchStore: String, ExpressibleByArgument, CaseIterable {
    case memory
    case sqlite
    case postgres

    /// Where it lives: SQLite in a new temporary folder (durable commits), PostgreSQL at `postgresURL`.
    func location(postgresURL: String?) throws -> StoreLocation {
        switch self {
        case .memory:
            return .memory
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baton-bench-\(UUID().uuidString)")
            return .sqlite(path: folder.appendingPathComponent("baton.sqlite").path)
        case .postgres:
            guard let postgresURL else {
                throw ValidationError("--store postgres needs --postgres-url or BATON_TEST_POSTGRES_URL (scripts/start-test-postgres starts one).")
            }
            return .postgres(url: postgresURL)
        }
    }
}
