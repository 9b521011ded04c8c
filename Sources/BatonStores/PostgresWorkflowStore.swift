import BatonCore
import Foundation
import Logging
import PostgresNIO

/// A ``WorkflowStore`` in PostgreSQL, through PostgresNIO, for many Baton instances sharing one database.
///
/// The `PostgresClient` is a service: run it (``client``'s `run()`, once) for as long as the store is used,
/// and call ``migrate()`` before the first request. Compare-and-set is one `UPDATE … WHERE version = $n`.
public struct PostgresWorkflowStore: WorkflowStore, SecretKeyCheckStorage {
    /// The connection pool; a `Service` to run alongside the server.
    public let client: PostgresClient
    private let logger: Logger
    private let cache = DecodedRecordCache()

    /// A store for the database at `url` (`postgres://user:password@host:port/database`).
    public init(url: String, logger: Logger) throws {
        guard let components = URLComponents(string: url), let host = components.host, let user = components.user else {
            throw WorkflowStoreError.unavailable("The PostgreSQL URL must look like postgres://user:password@host:port/database.")
        }
        let database = components.path.split(separator: "/").first.map(String.init)
        let configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: database, tls: .disable
        )
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
    }

    /// Creates or upgrades the schema. Safe to run from several instances at once (an advisory lock serialises them).
    public func migrate() async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(4242001)", logger: logger)
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
        }
    }

    public func insert(_ record: WorkflowRecord) async throws {
        let document = try StoredDocument.encode(record)
        let rows = try await client.query(
            """
            INSERT INTO baton_workflows (id, version, created_at, updated_at, document)
            VALUES (\(record.id), 1, \(record.createdAt), \(record.updatedAt), \(ByteBuffer(bytes: document)))
            ON CONFLICT (id) DO NOTHING RETURNING id
            """, logger: logger)
        var inserted = false
        for try await _ in rows { inserted = true }
        guard inserted else { throw WorkflowStoreError.duplicateID(record.id) }
        var stored = record
        stored.version = 1
        cache.remember(stored)
    }

    public func fetch(id: String) async throws -> WorkflowRecord? {
        let cachedVersion = cache.version(of: id) ?? -1
        let rows = try await client.query(
            "SELECT version, CASE WHEN version = \(cachedVersion) THEN NULL ELSE document END FROM baton_workflows WHERE id = \(id)",
            logger: logger)
        for try await (version, document) in rows.decode((Int64, ByteBuffer?).self) {
            if let document {
                let record = try StoredDocument.decode(Data(document.readableBytesView), version: version)
                cache.remember(record)
                return record
            }
            // Left out because the cache had this version; read it after all if that entry was replaced since.
            if let cached = cache.record(id, at: version) { return cached }
            cache.forget(id)
            return try await fetch(id: id)
        }
        return nil
    }

    public func update(_ record: WorkflowRecord) async throws -> WorkflowRecord? {
        let document = try StoredDocument.encode(record)
        let rows = try await client.query(
            """
            UPDATE baton_workflows SET version = version + 1, updated_at = \(record.updatedAt), document = \(ByteBuffer(bytes: document))
            WHERE id = \(record.id) AND version = \(record.version) RETURNING version
            """, logger: logger)
        for try await version in rows.decode(Int64.self) {
            var stored = record
            stored.version = version
            cache.remember(stored)
            return stored
        }
        return nil
    }

    public func deleteWorkflows(createdBefore date: Date) async throws -> Int {
        let rows = try await client.query("DELETE FROM baton_workflows WHERE created_at < \(date) RETURNING id", logger: logger)
        var count = 0
        for try await _ in rows { count += 1 }
        cache.forgetAll()
        return count
    }

    public func secretKeyCheck() async throws -> Data? {
        let rows = try await client.query("SELECT value FROM baton_meta WHERE key = 'secret_key_check'", logger: logger)
        for try await value in rows.decode(ByteBuffer.self) {
            return Data(value.readableBytesView)
        }
        return nil
    }

    public func storeSecretKeyCheck(_ check: Data) async throws {
        try await client.query(
            "INSERT INTO baton_meta (key, value) VALUES ('secret_key_check', \(ByteBuffer(bytes: check))) ON CONFLICT (key) DO NOTHING",
            logger: logger)
    }
}
