import BatonCore
import Foundation
import Synchronization

/// Parts of workflows this instance last read or wrote, decoded, by key, each with the version it was stored at.
///
/// A SQL store asks the database for the current version on every read and has the document sent only when the
/// cached version is stale, so the cache never serves old data — even when another instance wrote — and a status
/// request usually skips decoding. Bounded: when full, it is emptied.
final class DecodedRecordCache<Value: Sendable>: Sendable {
    private let entries = Mutex<[String: (version: Int64, value: Value)]>([:])
    private let capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The cached version of a key, if any.
    func version(of key: String) -> Int64? {
        entries.withLock { $0[key]?.version }
    }

    /// The cached value when it is at `version`.
    func value(_ key: String, at version: Int64) -> Value? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.version == version else { return nil }
            return entry.value
        }
    }

    /// Remembers a value as stored at `version`.
    func remember(_ value: Value, for key: String, at version: Int64) {
        entries.withLock { entries in
            if entries.count >= capacity && entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = (version, value)
        }
    }

    /// Forgets one key.
    func forget(_ key: String) {
        entries.withLock { $0[key] = nil }
    }

    /// Forgets everything (after a deletion).
    func forgetAll() {
        entries.withLock { $0.removeAll() }
    }
}

/// The decoded parts of workflows: their own fields by workflow id, their apps by workflow and app id.
struct WorkflowPartCache: Sendable {
    let fields = DecodedRecordCache<WorkflowRecord>()
    let apps = DecodedRecordCache<AppRecord>()

    static func appKey(_ workflowID: String, _ appID: String) -> String { workflowID + "/" + appID }

    /// Remembers what a write stored.
    func remember(_ write: WorkflowWrite, stored: WorkflowRecord) {
        if write.writesWorkflowFields { rememberFields(stored) }
        for index in write.apps {
            let app = stored.apps[index]
            apps.remember(app, for: Self.appKey(stored.id, app.id), at: app.version)
        }
    }

    /// Remembers a workflow just inserted: its fields and every app at version 1, so its first steps skip decoding.
    func rememberInserted(_ record: WorkflowRecord) {
        var inserted = record
        inserted.version = 1
        rememberFields(inserted)
        for var app in record.apps {
            app.version = 1
            apps.remember(app, for: Self.appKey(record.id, app.id), at: 1)
        }
    }

    func rememberFields(_ record: WorkflowRecord) {
        var fields = record
        fields.apps = []
        fields.sealedEnv = [:]
        fields.history = []
        self.fields.remember(fields, for: record.id, at: record.version)
    }

    /// The workflow's own fields stored at `version`: decoded from `document` when the database sent it (and
    /// remembered), else the cached ones; `nil` when neither (another request replaced the cache entry meanwhile).
    func fields(of id: String, at version: Int64, document: Data?) throws -> WorkflowRecord? {
        if let document {
            let record = try StoredDocument.decodeFields(document, version: version)
            rememberFields(record)
            return record
        }
        return fields.value(id, at: version)
    }

    /// One app stored at `version`, the same way as ``fields(of:at:document:)``.
    func app(_ appID: String, of workflowID: String, at version: Int64, document: Data?) throws -> AppRecord? {
        let key = Self.appKey(workflowID, appID)
        if let document {
            let app = try StoredDocument.decodeApp(document, version: version)
            apps.remember(app, for: key, at: version)
            return app
        }
        return apps.value(key, at: version)
    }

    /// Forgets one workflow's fields and one of its apps, so the next read has every document sent.
    func forget(_ workflowID: String, app appID: String) {
        fields.forget(workflowID)
        apps.forget(Self.appKey(workflowID, appID))
    }

    func forgetAll() {
        fields.forgetAll()
        apps.forgetAll()
    }
}
