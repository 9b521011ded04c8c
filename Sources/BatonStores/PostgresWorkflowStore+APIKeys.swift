public import BatonCore
public import Foundation
import NIOCore
import PostgresNIO

/// API keys in `baton_api_keys`: the name, the key's SHA-256 (unique, looked up on every request that presents a
/// key) and the record as JSON, shared by every instance on the database.
extension PostgresWorkflowStore: APIKeyStore {
    public func insertKey(_ key: APIKeyRecord) async throws {
        let document = ByteBuffer(bytes: try StoredDocument.encode(key))
        let rows = try await client.query(
            """
            INSERT INTO baton_api_keys (name, key_hash, document) VALUES (\(key.name), \(key.keyHash), \(document))
            ON CONFLICT DO NOTHING RETURNING name
            """, logger: logger)
        var inserted = false
        for try await _ in rows.decode(String.self) { inserted = true }
        guard inserted else { throw APIKeyStoreError.nameTaken(key.name) }
    }

    public func key(hash keyHash: String) async throws -> APIKeyRecord? {
        let rows = try await client.query("SELECT document FROM baton_api_keys WHERE key_hash = \(keyHash)", logger: logger)
        for try await document in rows.decode(ByteBuffer.self) {
            return try StoredDocument.decodeKey(Data(document.readableBytesView))
        }
        return nil
    }

    public func allKeys() async throws -> [APIKeyRecord] {
        var keys: [APIKeyRecord] = []
        for try await document in try await client.query("SELECT document FROM baton_api_keys", logger: logger).decode(ByteBuffer.self) {
            keys.append(try StoredDocument.decodeKey(Data(document.readableBytesView)))
        }
        return keys.sorted { $0.createdAt < $1.createdAt }
    }

    public func revokeKey(named name: String, at date: Date) async throws -> Bool {
        try await transaction { connection in
            var found: APIKeyRecord?
            for try await document in try await connection.query(
                "SELECT document FROM baton_api_keys WHERE name = \(name) FOR UPDATE", logger: logger
            ).decode(ByteBuffer.self) {
                found = try StoredDocument.decodeKey(Data(document.readableBytesView))
            }
            guard var key = found else { return false }
            guard key.revokedAt == nil else { return true }
            key.revokedAt = date
            let document = ByteBuffer(bytes: try StoredDocument.encode(key))
            try await connection.query("UPDATE baton_api_keys SET document = \(document) WHERE name = \(name)", logger: logger)
            return true
        }
    }
}
