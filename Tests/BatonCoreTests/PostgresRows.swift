import BatonStores
import Foundation
import Logging
import PostgresNIO

/// Reads raw rows of the PostgreSQL store, as an operator with database access would see them.
enum PostgresRows {
    static func documents(of workflowID: String, context: TestStoreContext) async throws -> [String] {
        guard case .postgres(let url) = context.location else { return [] }
        let store = try PostgresWorkflowStore(url: url, logger: Logger(label: "test.rows"))
        return try await withThrowingTaskGroup(of: [String]?.self) { group in
            group.addTask { await store.client.run(); return nil }
            defer { group.cancelAll() }
            let rows = try await store.client.query("SELECT document FROM baton_workflows WHERE id = \(workflowID)")
            var documents: [String] = []
            for try await document in rows.decode(ByteBuffer.self) {
                documents.append(String(buffer: document))
            }
            return documents
        }
    }

    /// Creates a new, empty database on the server at `serverURL`, so tests that delete workflows do not race
    /// with other tests; returns its URL.
    static func createDatabase(serverURL: String) async throws -> String {
        let name = "baton_test_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        let store = try PostgresWorkflowStore(url: serverURL, logger: Logger(label: "test.rows"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await store.client.run() }
            defer { group.cancelAll() }
            try await store.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        guard var components = URLComponents(string: serverURL) else { return serverURL }
        components.path = "/\(name)"
        return components.string ?? serverURL
    }
}
