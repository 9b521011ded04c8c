public import BatonCore
public import Foundation
import GRDB

/// Sealed secrets in the `sealed_secrets` table, one row per kind and id, with dates as seconds since 1970 like the
/// other tables. A replacement is a compare-and-set `UPDATE … WHERE version = ?`; SQLite runs one write at a time, so
/// of two replacements from the same version the second finds another version.
extension SQLiteWorkflowStore: SealedSecretStore {
    public func secret(kind: String, id: String) async throws -> SealedSecret? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT principal, sealed, version, lease_until, updated_at FROM sealed_secrets WHERE kind = ? AND id = ?",
                arguments: [kind, id]
            ).map { row in
                let leaseUntil: Double? = row["lease_until"]
                return SealedSecret(
                    kind: kind, id: id, principal: row["principal"], sealed: row["sealed"], version: row["version"],
                    leaseUntil: leaseUntil.map(Date.init(timeIntervalSince1970:)),
                    updatedAt: Date(timeIntervalSince1970: row["updated_at"])
                )
            }
        }
    }

    public func putSecret(_ secret: SealedSecret, expectedVersion: Int?) async throws -> Bool {
        let leaseUntil = secret.leaseUntil?.timeIntervalSince1970
        let updatedAt = secret.updatedAt.timeIntervalSince1970
        guard let expectedVersion else {
            do {
                try await pool.write { db in
                    try db.execute(
                        sql: """
                            INSERT INTO sealed_secrets (kind, id, principal, sealed, version, lease_until, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [secret.kind, secret.id, secret.principal, secret.sealed, secret.version, leaseUntil, updatedAt]
                    )
                }
                return true
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
                return false
            }
        }
        return try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE sealed_secrets SET principal = ?, sealed = ?, version = ?, lease_until = ?, updated_at = ?
                    WHERE kind = ? AND id = ? AND version = ?
                    """,
                arguments: [secret.principal, secret.sealed, secret.version, leaseUntil, updatedAt, secret.kind, secret.id, expectedVersion]
            )
            return db.changesCount == 1
        }
    }

    public func deleteSecret(kind: String, id: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM sealed_secrets WHERE kind = ? AND id = ?", arguments: [kind, id])
        }
    }

    public func deleteSecrets(kind: String, updatedBefore date: Date) async throws -> Int {
        try await pool.write { db in
            try db.execute(
                sql: "DELETE FROM sealed_secrets WHERE kind = ? AND updated_at < ?", arguments: [kind, date.timeIntervalSince1970])
            return db.changesCount
        }
    }
}
