public import BatonCore
public import Foundation
import GRDB

/// API keys in the `api_keys` table: the name, the key's SHA-256 (unique, looked up on every request that presents a
/// key) and the record as JSON. Every process on the file sees a key created or revoked at once.
extension SQLiteWorkflowStore: APIKeyStore {
    public func insertKey(_ key: APIKeyRecord) async throws {
        let document = try StoredDocument.encode(key)
        do {
            try await pool.write { db in
                try db.execute(
                    sql: "INSERT INTO api_keys (name, key_hash, document) VALUES (?, ?, ?)",
                    arguments: [key.name, key.keyHash, document]
                )
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw APIKeyStoreError.nameTaken(key.name)
        }
    }

    public func key(hash keyHash: String) async throws -> APIKeyRecord? {
        let document = try await pool.read { db in
            try Data.fetchOne(db, sql: "SELECT document FROM api_keys WHERE key_hash = ?", arguments: [keyHash])
        }
        return try document.map { try StoredDocument.decodeKey($0) }
    }

    public func allKeys() async throws -> [APIKeyRecord] {
        let documents = try await pool.read { db in try Data.fetchAll(db, sql: "SELECT document FROM api_keys") }
        return try documents.map(StoredDocument.decodeKey).sorted { $0.createdAt < $1.createdAt }
    }

    public func revokeKey(named name: String, at date: Date) async throws -> Bool {
        try await pool.write { db in
            guard let document = try Data.fetchOne(db, sql: "SELECT document FROM api_keys WHERE name = ?", arguments: [name]) else {
                return false
            }
            var key = try StoredDocument.decodeKey(document)
            guard key.revokedAt == nil else { return true }
            key.revokedAt = date
            try db.execute(sql: "UPDATE api_keys SET document = ? WHERE name = ?", arguments: [try StoredDocument.encode(key), name])
            return true
        }
    }
}
