public import BatonCore
public import Foundation
import GRDB

/// A ``WorkflowStore`` in an SQLite file, through GRDB: a `DatabasePool` in WAL mode, with migrations.
///
/// Tables: `workflows` (each workflow's own fields, one row), `workflow_apps` (one row per app, with its sealed env
/// values and its own version) and `workflow_history` (appended). A step reads its workflow's row and its app's row and
/// writes back the app's row and any new history, so its cost does not grow with the workflow.
///
/// Commits are durable against a crash of the process: in WAL mode with `synchronous = NORMAL`, a transaction is in
/// the WAL file (handed to the operating system) before `write` returns, so a step the server acknowledged survives
/// `kill -9`. (Only a power loss or kernel crash could drop the latest commits; `FULL` would fsync every commit
/// for that, at a cost of milliseconds per step.) A write is one transaction of compare-and-set `UPDATE`s
/// (`… WHERE version = ?`): any of them finding another version rolls the whole write back.
public final class SQLiteWorkflowStore: WorkflowStore, SecretKeyCheckStorage {
    /// The database (this store's extensions use it too).
    let pool: DatabasePool
    private let cache = WorkflowPartCache()

    /// Opens (creating when missing) the database at `path`, and migrates it.
    public init(path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.maximumReaderCount = max(5, ProcessInfo.processInfo.activeProcessorCount)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try SQLiteSchema.migrator.migrate(pool)
    }

    public func insert(_ record: WorkflowRecord) async throws {
        let fields = try StoredDocument.encodeFields(record)
        let apps = try record.apps.map { try StoredDocument.encode($0) }
        let history = try record.history.map { try StoredDocument.encode($0) }
        do {
            try await pool.write { db in
                try db.cachedStatement(
                    sql: "INSERT INTO workflows (id, version, created_at, updated_at, document, principal) VALUES (?, 1, ?, ?, ?, ?)"
                ).execute(arguments: [
                    record.id, record.createdAt.timeIntervalSince1970, record.updatedAt.timeIntervalSince1970, fields,
                    record.principal,
                ])
                let insertApp = try db.cachedStatement(
                    sql: "INSERT INTO workflow_apps (workflow_id, position, app_id, version, document, sealed_env, succeeded) VALUES (?, ?, ?, 1, ?, ?, ?)"
                )
                for (position, app) in record.apps.enumerated() {
                    try insertApp.execute(arguments: [record.id, position, app.id, apps[position], record.sealedEnv[app.id], app.hasSucceeded])
                }
                try Self.append(history, to: record.id, in: db)
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
            throw WorkflowStoreError.duplicateID(record.id)
        }
        cache.rememberInserted(record)
    }

    public func fetch(id: String, includeHistory: Bool) async throws -> WorkflowRecord? {
        // One read transaction: one snapshot of every part, whatever commits meanwhile.
        try await pool.read { db in
            guard var record = try self.fields(of: id, in: db) else { return nil }
            let rows = try Row.fetchAll(
                db.cachedStatement(sql: "SELECT app_id, version, sealed_env FROM workflow_apps WHERE workflow_id = ? ORDER BY position"),
                arguments: [id]
            )
            record.apps = try rows.map { row in
                let appID: String = row["app_id"]
                let version: Int64 = row["version"]
                if let sealed: Data = row["sealed_env"] { record.sealedEnv[appID] = sealed }
                if let cached = try self.cache.app(appID, of: id, at: version, document: nil) { return cached }
                let document = try Data.fetchOne(
                    db.cachedStatement(sql: "SELECT document FROM workflow_apps WHERE workflow_id = ? AND app_id = ?"),
                    arguments: [id, appID]
                ) ?? Data()
                return try self.cache.app(appID, of: id, at: version, document: document)!
            }
            if includeHistory {
                record.history = try Data.fetchAll(
                    db.cachedStatement(sql: "SELECT entry FROM workflow_history WHERE workflow_id = ? ORDER BY id"), arguments: [id]
                ).map(StoredDocument.decodeEntry)
            }
            return record
        }
    }

    /// The workflow's own fields, from the cache when it holds the stored version.
    private func fields(of id: String, in db: Database) throws -> WorkflowRecord? {
        let cachedVersion = cache.fields.version(of: id) ?? -1
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT version, CASE WHEN version = ? THEN NULL ELSE document END AS document FROM workflows WHERE id = ?"),
            arguments: [cachedVersion, id]
        ) else { return nil }
        let version: Int64 = row["version"]
        if let record = try cache.fields(of: id, at: version, document: row["document"]) { return record }
        // Another request replaced the cache entry meanwhile: read the document after all, in this snapshot.
        let document = try Data.fetchOne(db.cachedStatement(sql: "SELECT document FROM workflows WHERE id = ?"), arguments: [id])
        return try cache.fields(of: id, at: version, document: document ?? Data())
    }

    /// Read on the calling thread through the writer's connection (see ``readOnThisThread(_:)``): two primary-key
    /// lookups in one statement.
    public func fetch(id: String, app appID: String) async throws -> WorkflowRecord? {
        let appKey = WorkflowPartCache.appKey(id, appID)
        let row = try readOnThisThread { db in
            // One statement reads one consistent snapshot by itself.
            try Row.fetchOne(
                db.cachedStatement(sql: """
                    SELECT w.version AS workflow_version, CASE WHEN w.version = ? THEN NULL ELSE w.document END AS workflow_document,
                           a.version AS app_version, CASE WHEN a.version = ? THEN NULL ELSE a.document END AS app_document, a.sealed_env
                    FROM workflows w LEFT JOIN workflow_apps a ON a.workflow_id = w.id AND a.app_id = ? WHERE w.id = ?
                    """),
                arguments: [cache.fields.version(of: id) ?? -1, cache.apps.version(of: appKey) ?? -1, appID, id]
            )
        }
        guard let row else { return nil }
        // Columns by position: a lookup by name compares names without case on every read.
        guard var record = try cache.fields(of: id, at: row[0], document: row[1]) else {
            // A cache entry this relied on was replaced meanwhile (rare): read again with every document sent.
            cache.forget(id, app: appID)
            return try await fetch(id: id, app: appID)
        }
        guard let appVersion: Int64 = row[2] else { return record }
        guard let app = try cache.app(appID, of: id, at: appVersion, document: row[3]) else {
            cache.forget(id, app: appID)
            return try await fetch(id: id, app: appID)
        }
        record.apps = [app]
        if let sealed: Data = row[4] { record.sealedEnv[appID] = sealed }
        return record
    }

    public func write(_ write: WorkflowWrite) async throws -> WorkflowRecord? {
        let record = write.record
        let encoded = try StoredDocument.encode(write)
        do {
            // One transaction: every compare-and-set holds, or nothing is written.
            try writeOnThisThread { db in
                if let fields = encoded.fields {
                    try db.cachedStatement(
                        sql: "UPDATE workflows SET version = version + 1, updated_at = ?, document = ?, canceled = ? WHERE id = ? AND version = ?"
                    ).execute(arguments: [record.updatedAt.timeIntervalSince1970, fields, record.canceled, record.id, record.version])
                    guard db.changesCount == 1 else { throw VersionConflict() }
                }
                let updateApp = try db.cachedStatement(
                    sql: """
                        UPDATE workflow_apps SET version = version + 1, document = ?, sealed_env = ?, succeeded = ?
                        WHERE workflow_id = ? AND app_id = ? AND version = ?
                        """
                )
                for (index, document) in encoded.apps {
                    let app = record.apps[index]
                    try updateApp.execute(arguments: [document, record.sealedEnv[app.id], app.hasSucceeded, record.id, app.id, app.version])
                    guard db.changesCount == 1 else { throw VersionConflict() }
                }
                try Self.append(encoded.history, to: record.id, in: db)
            }
        } catch is VersionConflict {
            return nil
        }
        let stored = write.stored
        cache.remember(write, stored: stored)
        return stored
    }

    /// Runs `body` in a write transaction on the calling thread. GRDB runs an uncontended connection's work in place,
    /// which saves the two thread hops of its asynchronous `write` (about 90 µs each on the 2-core benchmark machine,
    /// on every step). The calling thread waits while another of this process's writes commits (microseconds), or
    /// while a commit runs SQLite's automatic checkpoint (an fsync, some milliseconds, once every 1000 WAL pages).
    ///
    /// `BEGIN IMMEDIATE` and `COMMIT` (or `ROLLBACK` on any error) run as cached statements: GRDB's `write` compiles
    /// both afresh for every transaction, about 10 µs of every step's write here.
    private func writeOnThisThread(_ body: (Database) throws -> Void) throws {
        try pool.writeWithoutTransaction { db in
            try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
            do {
                try body(db)
                try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
            } catch {
                if db.isInsideTransaction { try? db.cachedStatement(sql: "ROLLBACK TRANSACTION").execute() }
                throw error
            }
        }
    }

    /// Runs the one-statement read of a step on the calling thread, through the writer's connection: its page cache
    /// holds what this process wrote last, while a reader of the pool finds its cache invalidated by every write and
    /// first checks the schema version (one more statement): about 100 µs instead of 180 µs a step on the benchmark
    /// machine. A statement is a consistent snapshot by itself; reads of a whole workflow (several statements, in one
    /// transaction) keep using the pool's readers.
    private func readOnThisThread<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.writeWithoutTransaction(body)
    }

    private static func append(_ history: [Data], to workflowID: String, in db: Database) throws {
        guard !history.isEmpty else { return }
        let insert = try db.cachedStatement(sql: "INSERT INTO workflow_history (workflow_id, entry) VALUES (?, ?)")
        for entry in history { try insert.execute(arguments: [workflowID, entry]) }
    }

    public func deleteWorkflows(createdBefore date: Date) async throws -> Int {
        let deleted = try await pool.write { db in
            // The apps and history go with their workflow (ON DELETE CASCADE).
            try db.execute(literal: "DELETE FROM workflows WHERE created_at < \(date.timeIntervalSince1970)")
            return db.changesCount
        }
        cache.forgetAll()
        return deleted
    }

    public func workflowIDs(principal: String, createdSince date: Date, limit: Int) async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(
                db,
                sql: "SELECT id FROM workflows WHERE principal = ? AND created_at >= ? ORDER BY created_at DESC, id DESC LIMIT ?",
                arguments: [principal, date.timeIntervalSince1970, limit]
            )
        }
    }

    public func openWorkflowCount(principal: String, createdSince date: Date) async throws -> Int {
        try await pool.read { db in
            try SQLRequest<Int>("""
                SELECT count(*) FROM workflows w
                WHERE w.principal = \(principal) AND w.created_at >= \(date.timeIntervalSince1970) AND \(Self.isOpen)
                """).fetchOne(db) ?? 0
        }
    }

    public func openWorkflowCount(createdSince date: Date) async throws -> Int {
        try await pool.read { db in
            try SQLRequest<Int>("""
                SELECT count(*) FROM workflows w WHERE w.created_at >= \(date.timeIntervalSince1970) AND \(Self.isOpen)
                """).fetchOne(db) ?? 0
        }
    }

    /// What makes the workflow `w` open: not canceled, and an app whose actions have not all succeeded.
    private static let isOpen: SQL = """
        NOT w.canceled AND EXISTS (SELECT 1 FROM workflow_apps a WHERE a.workflow_id = w.id AND NOT a.succeeded)
        """

    public func secretKeyCheck() async throws -> Data? {
        try await pool.read { db in
            try Data.fetchOne(db, sql: "SELECT value FROM baton_meta WHERE key = 'secret_key_check'")
        }
    }

    public func storeSecretKeyCheck(_ check: Data) async throws {
        try await pool.write { db in
            try db.execute(literal: "INSERT OR IGNORE INTO baton_meta (key, value) VALUES ('secret_key_check', \(check))")
        }
    }
}

/// A compare-and-set found another version: the write is rolled back.
struct VersionConflict: Error {}
