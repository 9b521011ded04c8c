public import BatonCore
public import Foundation

/// Wraps a database-backed ``SealedSecretStore`` so that its driver's errors become
/// ``WorkflowStoreError/unavailable(_:)`` (answered 503), like ``UnavailableOnFailureStore`` does for workflows.
public struct UnavailableOnFailureSecretStore: SealedSecretStore {
    let base: any SealedSecretStore

    /// Wraps `base`.
    public init(base: any SealedSecretStore) {
        self.base = base
    }

    public func secret(kind: String, id: String) async throws -> SealedSecret? {
        try await UnavailableOnFailureStore.mapped { try await base.secret(kind: kind, id: id) }
    }

    public func putSecret(_ secret: SealedSecret, expectedVersion: Int?) async throws -> Bool {
        try await UnavailableOnFailureStore.mapped { try await base.putSecret(secret, expectedVersion: expectedVersion) }
    }

    public func deleteSecret(kind: String, id: String) async throws {
        try await UnavailableOnFailureStore.mapped { try await base.deleteSecret(kind: kind, id: id) }
    }

    public func deleteSecrets(kind: String, updatedBefore date: Date) async throws -> Int {
        try await UnavailableOnFailureStore.mapped { try await base.deleteSecrets(kind: kind, updatedBefore: date) }
    }
}
