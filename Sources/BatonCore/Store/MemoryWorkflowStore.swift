import Foundation

/// A ``WorkflowStore`` in memory, for tests and demos: nothing survives the process.
public actor MemoryWorkflowStore: WorkflowStore {
    private var records: [String: WorkflowRecord] = [:]

    public init() {}

    public func insert(_ record: WorkflowRecord) throws {
        guard records[record.id] == nil else { throw WorkflowStoreError.duplicateID(record.id) }
        var stored = record
        stored.version = 1
        records[record.id] = stored
    }

    public func fetch(id: String) -> WorkflowRecord? {
        records[id]
    }

    public func update(_ record: WorkflowRecord) -> WorkflowRecord? {
        guard let current = records[record.id], current.version == record.version else { return nil }
        var stored = record
        stored.version += 1
        records[record.id] = stored
        return stored
    }

    public func deleteWorkflows(createdBefore date: Date) -> Int {
        let expired = records.values.filter { $0.createdAt < date }.map(\.id)
        for id in expired { records[id] = nil }
        return expired.count
    }
}
