import ArgumentParser
import BatonPostgresScratch
import BatonStores
import Foundation
import Logging

/// The store a benchmark run measures.
enum BenchStore: String, ExpressibleByArgument, CaseIterable {
    case memory
    case sqlite
    case postgres

    /// What this store's figures should reach: the memory store's from the engine's issue, SQLite's from the
    /// durable stores' issue (with durable commits); PostgreSQL's are reported without a target.
    var targets: BenchTargets? {
        switch self {
        case .memory: BenchTargets(actionOverheadP50Us: 500, actionToControlRatio: nil, statusToControlRatio: 0.6)
        case .sqlite: BenchTargets(actionOverheadP50Us: 1000, actionToControlRatio: 2, statusToControlRatio: 0.4)
        case .postgres: nil
        }
    }

    /// A new, empty place for this run's store: SQLite in a new temporary folder (durable commits), PostgreSQL in a
    /// new database on the server at `postgresURL` (so the run's fresh secret key never meets an earlier run's).
    func makePlace(postgresURL: String?, logger: Logger) async throws -> BenchStorePlace {
        switch self {
        case .memory:
            return BenchStorePlace(location: .memory, remove: {})
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baton-bench-\(UUID().uuidString)")
            return BenchStorePlace(location: .sqlite(path: folder.appendingPathComponent("baton.sqlite").path)) {
                try FileManager.default.removeItem(at: folder)
            }
        case .postgres:
            guard let postgresURL else {
                throw ValidationError("--store postgres needs --postgres-url or BATON_TEST_POSTGRES_URL (scripts/start-test-postgres starts one).")
            }
            let database = try await PostgresScratchDatabase.create(onServerAt: postgresURL, prefix: "baton_bench", logger: logger)
            return BenchStorePlace(location: .postgres(url: database.url)) {
                try await database.drop(logger: logger)
            }
        }
    }
}

/// The figures a store's benchmark should reach.
struct BenchTargets {
    /// The most the per-action overhead's p50 may be, in microseconds (on the machine the target was set on).
    let actionOverheadP50Us: Int
    /// The most the per-action overhead's p50 may be, as a multiple of the same run's control round trip p50 (the
    /// scale issue's target for SQLite, which holds on a noisy machine where absolute figures drift); nil: none.
    let actionToControlRatio: Double?
    /// The least `status` throughput may be, as a fraction of the control's.
    let statusToControlRatio: Double
}

/// Where one benchmark run keeps its store, and how to remove it once the run's servers stopped.
struct BenchStorePlace: Sendable {
    let location: StoreLocation
    let remove: @Sendable () async throws -> Void
}
