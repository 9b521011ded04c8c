import BatonCore
import BatonStores
import Foundation
import Logging
import Testing

/// The stores every contract test runs against. PostgreSQL needs `BATON_TEST_POSTGRES_URL` (scripts/test starts a
/// throwaway server and sets it); without it the PostgreSQL cases fail, unless `BATON_SKIP_POSTGRES=1` says to skip them.
enum TestStoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case memory
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// The kinds to run here.
    static var available: [TestStoreKind] {
        ProcessInfo.processInfo.environment["BATON_SKIP_POSTGRES"] == "1" ? [.memory, .sqlite] : allCases
    }

    /// Opens a fresh store of this kind, runs `body` with it (and its services running), and closes it.
    func withStore<Value: Sendable>(_ body: @Sendable (any WorkflowStore, TestStoreContext) async throws -> Value) async throws -> Value {
        let context = try await TestStoreContext(kind: self)
        let configured = try ConfiguredStore.open(context.location, environment: ["BATON_SECRET_KEY": context.secretKey], logger: Logger(label: "test.store"))
        return try await configured.withPrepared { store in try await body(store, context) }
    }
}

/// Where a test store lives: a new SQLite file, or a new PostgreSQL database, for each test.
struct TestStoreContext: Sendable {
    let location: StoreLocation
    let sqlitePath: String?
    let secretKey: String

    init(kind: TestStoreKind) async throws {
        secretKey = Self.sharedKey
        switch kind {
        case .memory:
            location = .memory
            sqlitePath = nil
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("baton-test-\(UUID().uuidString)/baton.sqlite").path
            location = .sqlite(path: path)
            sqlitePath = path
        case .postgres:
            guard let url = ProcessInfo.processInfo.environment["BATON_TEST_POSTGRES_URL"] else {
                throw TestStoreError("BATON_TEST_POSTGRES_URL is not set: run the tests through scripts/test, which starts PostgreSQL (or set BATON_SKIP_POSTGRES=1).")
            }
            location = .postgres(url: try await PostgresRows.createDatabase(serverURL: url))
            sqlitePath = nil
        }
    }

    /// One key for every test store, so PostgreSQL's recorded key check matches across runs.
    static let sharedKey = "QmF0b25UZXN0S2V5LTMyLWJ5dGVzLWxvbmctMTIzNDU="
}

struct TestStoreError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
