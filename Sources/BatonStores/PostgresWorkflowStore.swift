public import BatonCore
public import Foundation
public import Logging
public import PostgresNIO

/// A ``WorkflowStore`` in PostgreSQL, through PostgresNIO, for many Baton instances sharing one database.
///
/// Tables (see ``PostgresSchema``): `baton_workflows` (each workflow's own fields), `baton_workflow_apps` (one row per
/// app, with its sealed env values and its own version) and `baton_workflow_history` (appended). A step reads its
/// workflow's row and its app's row in one statement, and writes its app's row and any new history in one transaction
/// of compare-and-set `UPDATE`s (`… WHERE version = $n`), so steps of different apps never wait for each other.
///
/// The `PostgresClient` is a service: run it (``client``'s `run()`, once) for as long as the store is used,
/// and call ``migrate()`` before the first request.
public struct PostgresWorkflowStore: WorkflowStore, SecretKeyCheckStorage {
    /// The connection pool; a `Service` to run alongside the server.
    public let client: PostgresClient
    let logger: Logger
    private let cache = WorkflowPartCache()

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

    /// Creates or upgrades the schema to the newest version. Safe to run from several instances at once.
    public func migrate() async throws {
        try await PostgresSchema.migrate(client, logger: logger)
    }

    public func insert(_ record: WorkflowRecord) async throws {
        let fields = try StoredDocument.encodeFields(record)
        let apps = try record.apps.map { try StoredDocument.encode($0) }
        let history = try record.history.map { try StoredDocument.encode($0) }
        try await transaction { connection in
            let rows = try await connection.query(
                """
                INSERT INTO baton_workflows (id, version, created_at, updated_at, document, principal)
                VALUES (\(record.id), 1, \(record.createdAt), \(record.updatedAt), \(ByteBuffer(bytes: fields)), \(record.principal))
                ON CONFLICT (id) DO NOTHING RETURNING id
                """, logger: logger)
            var inserted = false
            for try await _ in rows { inserted = true }
            guard inserted else { throw WorkflowStoreError.duplicateID(record.id) }
            for (position, app) in record.apps.enumerated() {
                let sealed = record.sealedEnv[app.id].map { ByteBuffer(bytes: $0) }
                try await connection.query(
                    """
                    INSERT INTO baton_workflow_apps (workflow_id, position, app_id, version, document, sealed_env, succeeded)
                    VALUES (\(record.id), \(position), \(app.id), 1, \(ByteBuffer(bytes: apps[position])), \(sealed), \(app.hasSucceeded))
                    """, logger: logger)
            }
            try await append(history, to: record.id, on: connection)
        }
        cache.rememberInserted(record)
    }

    public func fetch(id: String, includeHistory: Bool) async throws -> WorkflowRecord? {
        // One REPEATABLE READ transaction: one snapshot of every part, whatever commits meanwhile.
        try await transaction { connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
            let cachedVersion = cache.fields.version(of: id) ?? -1
            var found: (Int64, ByteBuffer?)?
            for try await row in try await connection.query(
                "SELECT version, CASE WHEN version = \(cachedVersion) THEN NULL ELSE document END FROM baton_workflows WHERE id = \(id)",
                logger: logger
            ).decode((Int64, ByteBuffer?).self) { found = row }
            guard let (version, document) = found else { return nil }
            var fields = try cache.fields(of: id, at: version, document: document.map { Data($0.readableBytesView) })
            if fields == nil {
                // Another request replaced the cache entry meanwhile: read the document after all, in this snapshot.
                for try await stored in try await connection.query(
                    "SELECT document FROM baton_workflows WHERE id = \(id)", logger: logger
                ).decode(ByteBuffer.self) {
                    fields = try cache.fields(of: id, at: version, document: Data(stored.readableBytesView))
                }
            }
            guard var record = fields else { return nil }
            for try await (appID, appVersion, document, sealed) in try await connection.query(
                "SELECT app_id, version, document, sealed_env FROM baton_workflow_apps WHERE workflow_id = \(id) ORDER BY position",
                logger: logger
            ).decode((String, Int64, ByteBuffer, ByteBuffer?).self) {
                // Every document is sent here (one query for all the apps); the cache spares decoding the unchanged.
                let cached = try cache.app(appID, of: id, at: appVersion, document: nil)
                record.apps.append(try cached ?? cache.app(appID, of: id, at: appVersion, document: Data(document.readableBytesView))!)
                if let sealed { record.sealedEnv[appID] = Data(sealed.readableBytesView) }
            }
            if includeHistory {
                for try await entry in try await connection.query(
                    "SELECT entry FROM baton_workflow_history WHERE workflow_id = \(id) ORDER BY id", logger: logger
                ).decode(ByteBuffer.self) {
                    record.history.append(try StoredDocument.decodeEntry(Data(entry.readableBytesView)))
                }
            }
            return record
        }
    }

    public func fetch(id: String, app appID: String) async throws -> WorkflowRecord? {
        let appKey = WorkflowPartCache.appKey(id, appID)
        let cachedFields = cache.fields.version(of: id) ?? -1
        let cachedApp = cache.apps.version(of: appKey) ?? -1
        // One statement: one consistent snapshot of the two rows.
        let rows = try await client.query(
            """
            SELECT w.version, CASE WHEN w.version = \(cachedFields) THEN NULL ELSE w.document END,
                   a.version, CASE WHEN a.version = \(cachedApp) THEN NULL ELSE a.document END, a.sealed_env
            FROM baton_workflows w LEFT JOIN baton_workflow_apps a ON a.workflow_id = w.id AND a.app_id = \(appID)
            WHERE w.id = \(id)
            """, logger: logger)
        for try await (version, document, appVersion, appDocument, sealed) in rows.decode(
            (Int64, ByteBuffer?, Int64?, ByteBuffer?, ByteBuffer?).self
        ) {
            guard var record = try cache.fields(of: id, at: version, document: document.map { Data($0.readableBytesView) }) else {
                // A cache entry this relied on was replaced meanwhile (rare): read again with every document sent.
                cache.forget(id, app: appID)
                return try await fetch(id: id, app: appID)
            }
            guard let appVersion else { return record }
            guard let app = try cache.app(appID, of: id, at: appVersion, document: appDocument.map { Data($0.readableBytesView) }) else {
                cache.forget(id, app: appID)
                return try await fetch(id: id, app: appID)
            }
            record.apps = [app]
            if let sealed { record.sealedEnv[appID] = Data(sealed.readableBytesView) }
            return record
        }
        return nil
    }

    public func write(_ write: WorkflowWrite) async throws -> WorkflowRecord? {
        let record = write.record
        let encoded = try StoredDocument.encode(write)
        do {
            // One transaction: every compare-and-set holds, or nothing is written. A concurrent write of the same row
            // waits for this one and then finds another version.
            try await transaction { connection in
                if let fields = encoded.fields {
                    let rows = try await connection.query(
                        """
                        UPDATE baton_workflows SET version = version + 1, updated_at = \(record.updatedAt), document = \(ByteBuffer(bytes: fields)),
                            canceled = \(record.canceled)
                        WHERE id = \(record.id) AND version = \(record.version) RETURNING version
                        """, logger: logger)
                    guard try await Self.hasRow(rows) else { throw VersionConflict() }
                }
                for (index, document) in encoded.apps {
                    let app = record.apps[index]
                    let sealed = record.sealedEnv[app.id].map { ByteBuffer(bytes: $0) }
                    let rows = try await connection.query(
                        """
                        UPDATE baton_workflow_apps SET version = version + 1, document = \(ByteBuffer(bytes: document)), sealed_env = \(sealed),
                            succeeded = \(app.hasSucceeded)
                        WHERE workflow_id = \(record.id) AND app_id = \(app.id) AND version = \(app.version) RETURNING version
                        """, logger: logger)
                    guard try await Self.hasRow(rows) else { throw VersionConflict() }
                }
                try await append(encoded.history, to: record.id, on: connection)
            }
        } catch is VersionConflict {
            return nil
        }
        let stored = write.stored
        cache.remember(write, stored: stored)
        return stored
    }

    private static func hasRow(_ rows: PostgresRowSequence) async throws -> Bool {
        var found = false
        for try await _ in rows { found = true }
        return found
    }

    private func append(_ history: [Data], to workflowID: String, on connection: PostgresConnection) async throws {
        for entry in history {
            try await connection.query(
                "INSERT INTO baton_workflow_history (workflow_id, entry) VALUES (\(workflowID), \(ByteBuffer(bytes: entry)))",
                logger: logger)
        }
    }

    /// Runs `body` in a transaction, rethrowing its own errors as they are (PostgresNIO wraps them).
    func transaction<Value: Sendable>(_ body: (PostgresConnection) async throws -> sending Value) async throws -> Value {
        do {
            return try await client.withTransaction(logger: logger, body)
        } catch let error as PostgresTransactionError {
            if let closureError = error.closureError, error.rollbackError == nil { throw closureError }
            throw error
        }
    }

    public func deleteWorkflows(createdBefore date: Date) async throws -> Int {
        // The apps and history go with their workflow (ON DELETE CASCADE).
        let rows = try await client.query("DELETE FROM baton_workflows WHERE created_at < \(date) RETURNING id", logger: logger)
        var count = 0
        for try await _ in rows { count += 1 }
        cache.forgetAll()
        return count
    }

    public func workflowIDs(principal: String, createdSince date: Date, limit: Int) async throws -> [String] {
        let rows = try await client.query(
            """
            SELECT id FROM baton_workflows WHERE principal = \(principal) AND created_at >= \(date)
            ORDER BY created_at DESC, id DESC LIMIT \(limit)
            """, logger: logger)
        var ids: [String] = []
        for try await id in rows.decode(String.self) { ids.append(id) }
        return ids
    }

    public func openWorkflowCount(principal: String, createdSince date: Date) async throws -> Int {
        try await count("""
            SELECT count(*) FROM baton_workflows w
            WHERE w.principal = \(principal) AND w.created_at >= \(date) AND \(unescaped: Self.isOpen)
            """)
    }

    public func openWorkflowCount(createdSince date: Date) async throws -> Int {
        try await count("SELECT count(*) FROM baton_workflows w WHERE w.created_at >= \(date) AND \(unescaped: Self.isOpen)")
    }

    /// What makes the workflow `w` open: not canceled, and an app whose actions have not all succeeded. A constant,
    /// never data (it is not bound).
    private static let isOpen = """
        NOT w.canceled AND EXISTS (SELECT 1 FROM baton_workflow_apps a WHERE a.workflow_id = w.id AND NOT a.succeeded)
        """

    /// The one number `query` answers.
    private func count(_ query: PostgresQuery) async throws -> Int {
        let rows = try await client.query(query, logger: logger)
        for try await count in rows.decode(Int.self) { return count }
        return 0
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
