public import BatonCore
public import Foundation
import NIOCore
import PostgresNIO

/// Sealed secrets in `baton_sealed_secrets`, one row per kind and id, shared by every instance on the database. A
/// replacement is a compare-and-set `UPDATE … WHERE version = $n`: of two replacements from the same version, the
/// second waits for the first and then finds another version.
extension PostgresWorkflowStore: SealedSecretStore {
    public func secret(kind: String, id: String) async throws -> SealedSecret? {
        let rows = try await client.query(
            """
            SELECT principal, sealed, version, lease_until, updated_at FROM baton_sealed_secrets WHERE kind = \(kind) AND id = \(id)
            """, logger: logger)
        for try await (principal, sealed, version, leaseUntil, updatedAt) in rows.decode((String, ByteBuffer, Int, Date?, Date).self) {
            return SealedSecret(
                kind: kind, id: id, principal: principal, sealed: Data(sealed.readableBytesView), version: version,
                leaseUntil: leaseUntil, updatedAt: updatedAt)
        }
        return nil
    }

    public func putSecret(_ secret: SealedSecret, expectedVersion: Int?) async throws -> Bool {
        let sealed = ByteBuffer(bytes: secret.sealed)
        let rows: PostgresRowSequence
        if let expectedVersion {
            rows = try await client.query(
                """
                UPDATE baton_sealed_secrets SET principal = \(secret.principal), sealed = \(sealed), version = \(secret.version),
                    lease_until = \(secret.leaseUntil), updated_at = \(secret.updatedAt)
                WHERE kind = \(secret.kind) AND id = \(secret.id) AND version = \(expectedVersion) RETURNING id
                """, logger: logger)
        } else {
            rows = try await client.query(
                """
                INSERT INTO baton_sealed_secrets (kind, id, principal, sealed, version, lease_until, updated_at)
                VALUES (\(secret.kind), \(secret.id), \(secret.principal), \(sealed), \(secret.version), \(secret.leaseUntil), \(secret.updatedAt))
                ON CONFLICT DO NOTHING RETURNING id
                """, logger: logger)
        }
        var written = false
        for try await _ in rows { written = true }
        return written
    }

    public func deleteSecret(kind: String, id: String) async throws {
        try await client.query("DELETE FROM baton_sealed_secrets WHERE kind = \(kind) AND id = \(id)", logger: logger)
    }

    public func deleteSecrets(kind: String, updatedBefore date: Date) async throws -> Int {
        let rows = try await client.query(
            "DELETE FROM baton_sealed_secrets WHERE kind = \(kind) AND updated_at < \(date) RETURNING id", logger: logger)
        var count = 0
        for try await _ in rows { count += 1 }
        return count
    }
}
