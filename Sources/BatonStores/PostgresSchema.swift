import BatonCore
import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL store's schema, as versioned migrations applied in order, each once, recorded in
/// `baton_schema_migrations`. Databases from before that table existed hold schema v1 (its `CREATE … IF NOT EXISTS`
/// finds it in place).
enum PostgresSchema {
    /// One migration: its id (recorded once applied) and what it does, inside the migrating transaction.
    struct Migration: Sendable {
        let id: String
        let apply: @Sendable (PostgresConnection, Logger) async throws -> Void
    }

    static let migrations: [Migration] = [
        Migration(id: "v1: workflows") { connection, logger in
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS baton_workflows (
                    id TEXT PRIMARY KEY,
                    version BIGINT NOT NULL,
                    created_at TIMESTAMPTZ NOT NULL,
                    updated_at TIMESTAMPTZ NOT NULL,
                    document BYTEA NOT NULL
                )
                """, logger: logger)
            try await connection.query(
                "CREATE INDEX IF NOT EXISTS baton_workflows_created_at ON baton_workflows (created_at)", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS baton_meta (key TEXT PRIMARY KEY, value BYTEA NOT NULL)", logger: logger)
        },
        Migration(id: "v2: per-app rows and appended history") { connection, logger in
            try await connection.query(
                """
                CREATE TABLE baton_workflow_apps (
                    workflow_id TEXT NOT NULL REFERENCES baton_workflows (id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    app_id TEXT NOT NULL,
                    version BIGINT NOT NULL,
                    document BYTEA NOT NULL,
                    sealed_env BYTEA,
                    PRIMARY KEY (workflow_id, app_id)
                )
                """, logger: logger)
            try await connection.query(
                """
                CREATE TABLE baton_workflow_history (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    workflow_id TEXT NOT NULL REFERENCES baton_workflows (id) ON DELETE CASCADE,
                    entry BYTEA NOT NULL
                )
                """, logger: logger)
            try await connection.query(
                "CREATE INDEX baton_workflow_history_on_workflow ON baton_workflow_history (workflow_id, id)", logger: logger)
            try await splitV1Documents(connection, logger: logger)
        },
        Migration(id: "v3: call slots") { connection, logger in
            try await connection.query(
                "CREATE TABLE baton_call_slots (key TEXT NOT NULL, at DOUBLE PRECISION NOT NULL)", logger: logger)
            try await connection.query("CREATE INDEX baton_call_slots_on_key ON baton_call_slots (key, at)", logger: logger)
        },
        Migration(id: "v4: API keys and each workflow's principal") { connection, logger in
            try await connection.query(
                "CREATE TABLE baton_api_keys (name TEXT PRIMARY KEY, key_hash TEXT NOT NULL UNIQUE, document BYTEA NOT NULL)",
                logger: logger)
            try await connection.query("ALTER TABLE baton_workflows ADD COLUMN principal TEXT", logger: logger)
            try await connection.query(
                "CREATE INDEX baton_workflows_on_principal ON baton_workflows (principal, created_at)", logger: logger)
        },
        Migration(id: "v5: what counts a principal's open workflows") { connection, logger in
            try await connection.query(
                "ALTER TABLE baton_workflows ADD COLUMN canceled BOOLEAN NOT NULL DEFAULT false", logger: logger)
            try await connection.query(
                "ALTER TABLE baton_workflow_apps ADD COLUMN succeeded BOOLEAN NOT NULL DEFAULT false", logger: logger)
            try await fillOpenWorkflowColumns(connection, logger: logger)
        },
        Migration(id: "v6: sealed secrets") { connection, logger in
            try await connection.query(
                """
                CREATE TABLE baton_sealed_secrets (
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    principal TEXT NOT NULL,
                    sealed BYTEA NOT NULL,
                    version BIGINT NOT NULL,
                    lease_until TIMESTAMPTZ,
                    updated_at TIMESTAMPTZ NOT NULL,
                    PRIMARY KEY (kind, id)
                )
                """, logger: logger)
            try await connection.query(
                "CREATE INDEX baton_sealed_secrets_on_kind_and_updated_at ON baton_sealed_secrets (kind, updated_at)", logger: logger)
        },
    ]

    /// Sets `canceled` and `succeeded` from the documents of workflows that have a principal (the others are never
    /// counted).
    private static func fillOpenWorkflowColumns(_ connection: PostgresConnection, logger: Logger) async throws {
        var canceled: [String] = []
        for try await (id, version, document) in try await connection.query(
            "SELECT id, version, document FROM baton_workflows WHERE principal IS NOT NULL", logger: logger
        ).decode((String, Int64, ByteBuffer).self) {
            if try StoredDocument.decodeFields(Data(document.readableBytesView), version: version).canceled { canceled.append(id) }
        }
        for id in canceled {
            try await connection.query("UPDATE baton_workflows SET canceled = true WHERE id = \(id)", logger: logger)
        }
        var succeeded: [(String, String)] = []
        for try await (workflowID, version, document) in try await connection.query(
            """
            SELECT a.workflow_id, a.version, a.document FROM baton_workflow_apps a
            JOIN baton_workflows w ON w.id = a.workflow_id WHERE w.principal IS NOT NULL
            """, logger: logger
        ).decode((String, Int64, ByteBuffer).self) {
            let app = try StoredDocument.decodeApp(Data(document.readableBytesView), version: version)
            if app.hasSucceeded { succeeded.append((workflowID, app.id)) }
        }
        for (workflowID, appID) in succeeded {
            try await connection.query(
                "UPDATE baton_workflow_apps SET succeeded = true WHERE workflow_id = \(workflowID) AND app_id = \(appID)", logger: logger)
        }
    }

    /// Applies the migrations not applied yet, in one transaction under an advisory lock, so instances starting
    /// together migrate once.
    static func migrate(_ client: PostgresClient, logger: Logger) async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(4242001)", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS baton_schema_migrations (id TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                logger: logger)
            var applied: Set<String> = []
            for try await id in try await connection.query("SELECT id FROM baton_schema_migrations", logger: logger).decode(String.self) {
                applied.insert(id)
            }
            for migration in migrations where !applied.contains(migration.id) {
                try await migration.apply(connection, logger)
                try await connection.query("INSERT INTO baton_schema_migrations (id) VALUES (\(migration.id))", logger: logger)
            }
        }
    }

    /// Splits every workflow v1 stored as one document into its parts: the document keeps the workflow's own fields,
    /// each app gets a row (at the workflow's version, so versions only grow), each history entry a row.
    private static func splitV1Documents(_ connection: PostgresConnection, logger: Logger) async throws {
        var records: [WorkflowRecord] = []
        for try await (version, document) in try await connection.query(
            "SELECT version, document FROM baton_workflows", logger: logger
        ).decode((Int64, ByteBuffer).self) {
            records.append(try StoredDocument.decodeLegacyWorkflow(Data(document.readableBytesView), version: version))
        }
        for record in records {
            for (position, app) in record.apps.enumerated() {
                let sealed = record.sealedEnv[app.id].map { ByteBuffer(bytes: $0) }
                try await connection.query(
                    """
                    INSERT INTO baton_workflow_apps (workflow_id, position, app_id, version, document, sealed_env)
                    VALUES (\(record.id), \(position), \(app.id), \(record.version), \(ByteBuffer(bytes: try StoredDocument.encode(app))), \(sealed))
                    """, logger: logger)
            }
            for entry in record.history {
                try await connection.query(
                    "INSERT INTO baton_workflow_history (workflow_id, entry) VALUES (\(record.id), \(ByteBuffer(bytes: try StoredDocument.encode(entry))))",
                    logger: logger)
            }
            try await connection.query(
                "UPDATE baton_workflows SET document = \(ByteBuffer(bytes: try StoredDocument.encodeFields(record))) WHERE id = \(record.id)",
                logger: logger)
        }
    }
}
