import BatonCore
import Foundation
import GRDB

/// A ``WorkflowStore`` in an SQLite file, through GRDB: a `DatabasePool` in WAL mode, with migrations.
///
/// Commits are durable against a crash of the process: in WAL mode with `synchronous = NORMAL`, a transaction is in
/// the WAL file (handed to the operating system) before `write` returns, so a step the server acknowledged survives
/// `kill -9`. (Only a power loss or kernel crash could drop the latest commits; `FULL` would fsync every commit
/// for that, at a cost of milliseconds per step.) Compare-and-set is one `UPDATE … WHERE version = ?`.
///
/// Each operation is one cached (prepared once per connection) statement, run without a `BEGIN`/`COMMIT` around
/// it: one statement is a transaction of its own, committed whole or not at all, with the same durability.
public final class SQLiteWorkflowStore: WorkflowStore, SecretKeyCheckStorage {
    private let pool: DatabasePool
    private let cache = DecodedRecordCache()

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
        try Self.migrator.migrate(pool)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: workflows") { db in
            try db.create(table: "workflows") { table in
                table.primaryKey("id", .text)
                table.column("version", .integer).notNull()
                table.column("created_at", .double).notNull().indexed()
                table.column("updated_at", .double).notNull()
                table.column("document", .blob).notNull()
            }
            try db.create(table: "baton_meta") { table in
                table.primaryKey("key", .text)
                table.column("value", .blob).notNull()
            }
        }
        return migrator
    }

    public func insert(_ record: WorkflowRecord) async throws {
        let document = try StoredDocument.encode(record)
        do {
            try await pool.writeWithoutTransaction { db in
                let statement = try db.cachedStatement(
                    sql: "INSERT INTO workflows (id, version, created_at, updated_at, document) VALUES (?, 1, ?, ?, ?)"
                )
                try statement.execute(arguments: [
                    record.id, record.createdAt.timeIntervalSince1970, record.updatedAt.timeIntervalSince1970, document,
                ])
            }
            var stored = record
            stored.version = 1
            cache.remember(stored)
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
            throw WorkflowStoreError.duplicateID(record.id)
        }
    }

    public func fetch(id: String) async throws -> WorkflowRecord? {
        let cachedVersion = cache.version(of: id)
        guard let (version, document) = try storedVersion(of: id, sendingDocumentUnlessAt: cachedVersion) else { return nil }
        if let document {
            let record = try StoredDocument.decode(document, version: version)
            cache.remember(record)
            return record
        }
        // The document was left out because the cache had this version; another request may have replaced
        // that cache entry since, so read the document after all when it is gone.
        if let cached = cache.record(id, at: version) { return cached }
        cache.forget(id)
        return try await fetch(id: id)
    }

    /// A workflow's stored version, and its document unless the version is `cachedVersion`.
    ///
    /// Read synchronously, on the calling thread: one primary-key lookup takes some microseconds, and in WAL mode a
    /// reader never waits for the writer, while the asynchronous read costs two thread hops (GRDB's reader-pool queue,
    /// then the reader's): about 100 µs instead of 20 µs on the benchmark machine, on every request. The pool has a
    /// reader for every thread of the cooperative pool, so this never waits for a reader either. (Writes stay
    /// asynchronous: one may include a checkpoint's fsync, milliseconds.)
    private func storedVersion(of id: String, sendingDocumentUnlessAt cachedVersion: Int64?) throws -> (version: Int64, document: Data?)? {
        // One statement reads one consistent snapshot by itself: no transaction around it is needed.
        try pool.unsafeRead { db in
            let statement = try db.cachedStatement(
                sql: "SELECT version, CASE WHEN version = ? THEN NULL ELSE document END AS document FROM workflows WHERE id = ?"
            )
            return try Row.fetchOne(statement, arguments: [cachedVersion ?? -1, id]).map { ($0["version"], $0["document"]) }
        }
    }

    public func update(_ record: WorkflowRecord) async throws -> WorkflowRecord? {
        let document = try StoredDocument.encode(record)
        // One statement is its own transaction: committed (durably) or not at all.
        let changed = try await pool.writeWithoutTransaction { db in
            let statement = try db.cachedStatement(
                sql: "UPDATE workflows SET version = version + 1, updated_at = ?, document = ? WHERE id = ? AND version = ?"
            )
            try statement.execute(arguments: [record.updatedAt.timeIntervalSince1970, document, record.id, record.version])
            return db.changesCount
        }
        guard changed == 1 else { return nil }
        var stored = record
        stored.version += 1
        cache.remember(stored)
        return stored
    }

    public func deleteWorkflows(createdBefore date: Date) async throws -> Int {
        let deleted = try await pool.write { db in
            try db.execute(literal: "DELETE FROM workflows WHERE created_at < \(date.timeIntervalSince1970)")
            return db.changesCount
        }
        cache.forgetAll()
        return deleted
    }

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
