public import Foundation
import Synchronization

extension MemoryWorkflowStore: APIKeyStore {
    public func insertKey(_ key: APIKeyRecord) throws {
        try apiKeyRecords.withLock { keys in
            guard !keys.contains(where: { $0.name == key.name }) else { throw APIKeyStoreError.nameTaken(key.name) }
            keys.append(key)
        }
    }

    public func key(hash keyHash: String) -> APIKeyRecord? {
        apiKeyRecords.withLock { keys in keys.first { $0.keyHash == keyHash } }
    }

    public func allKeys() -> [APIKeyRecord] {
        apiKeyRecords.withLock { $0 }.sorted { $0.createdAt < $1.createdAt }
    }

    public func revokeKey(named name: String, at date: Date) -> Bool {
        apiKeyRecords.withLock { keys in
            guard let index = keys.firstIndex(where: { $0.name == name }) else { return false }
            if keys[index].revokedAt == nil { keys[index].revokedAt = date }
            return true
        }
    }
}
