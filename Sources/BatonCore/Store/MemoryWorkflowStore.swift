import Foundation
import Synchronization

/// A ``WorkflowStore`` in memory, for tests and demos: nothing survives the process.
///
/// A lock rather than an actor: every operation is a short dictionary access, and a lock spares each request
/// the executor hops an actor would cost.
public final class MemoryWorkflowStore: WorkflowStore {
    private let records = Mutex<[String: WorkflowRecord]>([:])

    public init() {}

    public func insert(_ record: WorkflowRecord) throws {
        try records.withLock { records in
            guard records[record.id] == nil else { throw WorkflowStoreError.duplicateID(record.id) }
            var stored = record
            stored.version = 1
            records[record.id] = stored
        }
    }

    public func fetch(id: String) -> WorkflowRecord? {
        records.withLock { $0[id] }
    }

    public func update(_ record: WorkflowRecord) -> WorkflowRecord? {
        records.withLock { records in
            guard let current = records[record.id], current.version == record.version else { return nil }
            var stored = record
            stored.version += 1
            records[record.id] = stored
            return stored
        }
    }

    public func deleteWorkflows(createdBefore date: Date) -> Int {
        records.withLock { records in
            let expired = records.values.filter { $0.createdAt < date }.map(\.id)
            for id in expired { records[id] = nil }
            return expired.count
        }
    }
}
