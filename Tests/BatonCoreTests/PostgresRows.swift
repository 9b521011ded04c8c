import BatonStores
import Foundation
import Logging
import PostgresNIO

/// Reads raw rows of the PostgreSQL store, as an operator with database access would see them.
enum PostgresRows {
    static func documents(of workflowID: String, context: TestStoreContext) async throws -> [String] {
        guard case .postgres(let url) = context.location else { return [] }
        let client = try PostgresWorkflowStore(url: url, logger: Logger(label: "test.rows")).client
        return try await RunningServices.around([client]) {
            let rows = try await client.query("SELECT document FROM baton_workflows WHERE id = \(workflowID)")
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
        try await PostgresScratchDatabase.create(onServerAt: serverURL, prefix: "baton_test", logger: Logger(label: "test.rows")).url
    }
}
