public import Foundation
import Synchronization

extension MemoryWorkflowStore: SealedSecretStore {
    public func secret(kind: String, id: String) -> SealedSecret? {
        sealedSecrets.withLock { $0[kind]?[id] }
    }

    public func putSecret(_ secret: SealedSecret, expectedVersion: Int?) -> Bool {
        sealedSecrets.withLock { secrets in
            // `nil == nil` when inserting and none is stored; a stored version equal to the expected one when replacing.
            guard secrets[secret.kind]?[secret.id]?.version == expectedVersion else { return false }
            secrets[secret.kind, default: [:]][secret.id] = secret
            return true
        }
    }

    public func deleteSecret(kind: String, id: String) {
        sealedSecrets.withLock { secrets in _ = secrets[kind]?.removeValue(forKey: id) }
    }

    public func deleteSecrets(kind: String, updatedBefore date: Date) -> Int {
        sealedSecrets.withLock { secrets in
            guard let ofKind = secrets[kind] else { return 0 }
            let kept = ofKind.filter { $0.value.updatedAt >= date }
            secrets[kind] = kept
            return ofKind.count - kept.count
        }
    }
}
