import BatonPostgresScratch
import BatonStores
import Foundation
import Logging
import PostgresNIO

/// Reads raw rows of the PostgreSQL store, as an operator with database access would see them.
enum PostgresRows {
    /// Every stored value of a workflow, as text: its own document, each app's document and sealed env values, each
    /// history entry.
    static func documents(of workflowID: String, context: TestStoreContext) async throws -> [String] {
        guard case .postgres(let url) = context.location else { return [] }
        let client = try PostgresWorkflowStore(url: url, logger: Logger(label: "test.rows")).client
        return try await RunningServices.around([client]) {
            var documents: [String] = []
            for query: PostgresQuery in [
                "SELECT document FROM baton_workflows WHERE id = \(workflowID)",
                "SELECT document FROM baton_workflow_apps WHERE workflow_id = \(workflowID)",
                "SELECT sealed_env FROM baton_workflow_apps WHERE workflow_id = \(workflowID) AND sealed_env IS NOT NULL",
                "SELECT entry FROM baton_workflow_history WHERE workflow_id = \(workflowID)",
            ] {
                for try await document in try await client.query(query).decode(ByteBuffer.self) {
                    documents.append(String(decoding: document.readableBytesView, as: UTF8.self))
                }
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
