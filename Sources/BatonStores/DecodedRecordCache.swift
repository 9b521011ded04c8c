import BatonCore
import Synchronization

/// The workflows this instance last read or wrote, decoded, by id.
///
/// A SQL store asks the database for the current version on every read and sends the document only when the
/// cached version is stale, so the cache never serves old data — even when another instance wrote — and a status
/// request usually skips decoding the document. Bounded: when full, it is emptied.
final class DecodedRecordCache: Sendable {
    private let records = Mutex<[String: WorkflowRecord]>([:])
    private let capacity: Int

    init(capacity: Int = 2048) {
        self.capacity = capacity
    }

    /// The cached version of a workflow, if any.
    func version(of id: String) -> Int64? {
        records.withLock { $0[id]?.version }
    }

    /// The cached record when it is at `version`.
    func record(_ id: String, at version: Int64) -> WorkflowRecord? {
        records.withLock { records in
            guard let record = records[id], record.version == version else { return nil }
            return record
        }
    }

    /// Remembers a record as stored.
    func remember(_ record: WorkflowRecord) {
        records.withLock { records in
            if records.count >= capacity && records[record.id] == nil { records.removeAll(keepingCapacity: true) }
            records[record.id] = record
        }
    }

    /// Forgets one workflow.
    func forget(_ id: String) {
        records.withLock { $0[id] = nil }
    }

    /// Forgets every cached workflow (after a deletion).
    func forgetAll() {
        records.withLock { $0.removeAll() }
    }
}
