import Foundation

/// One compare-and-set write: the parts of a workflow a change touched, found by comparing the record as read with the
/// record as changed.
public struct WorkflowWrite: Sendable, Hashable {
    /// The workflow as changed; its ``WorkflowRecord/version`` and each app's ``AppRecord/version`` are still the ones
    /// read, which the store compares.
    public var record: WorkflowRecord
    /// The positions in `record.apps` of the apps to write (with their sealed env values).
    public var apps: [Int]
    /// Whether the workflow's own fields are written too (then every app the record holds is written as well).
    public var writesWorkflowFields: Bool
    /// History entries to append, oldest first.
    public var appendedHistory: [HistoryEntry]

    /// The write that stores `changed`, read as `read`; `nil` when the change changed nothing.
    ///
    /// An app is written when its actions or its sealed env values changed. When the workflow's own fields changed,
    /// every app is written, so the write conflicts with any step that read the workflow before it.
    /// - Precondition: `changed` holds the same apps as `read`, and appends to its history without removing any.
    public init?(from read: WorkflowRecord, to changed: WorkflowRecord) {
        precondition(read.apps.map(\.id) == changed.apps.map(\.id), "a change must not add or remove apps")
        precondition(changed.history.starts(with: read.history), "history is only appended to")
        let fieldsChanged = read.id != changed.id || read.tokenHash != changed.tokenHash
            || read.definitionVersion != changed.definitionVersion || read.config != changed.config
            || read.canceled != changed.canceled || read.createdAt != changed.createdAt || read.updatedAt != changed.updatedAt
        let changedApps = changed.apps.indices.filter { index in
            let id = changed.apps[index].id
            return fieldsChanged || changed.apps[index] != read.apps[index] || changed.sealedEnv[id] != read.sealedEnv[id]
        }
        guard fieldsChanged || !changedApps.isEmpty else { return nil }
        self.record = changed
        self.apps = changedApps
        self.writesWorkflowFields = fieldsChanged
        self.appendedHistory = Array(changed.history.dropFirst(read.history.count))
    }

    /// The record as stored once this write succeeded: written parts one version on.
    public var stored: WorkflowRecord {
        var stored = record
        if writesWorkflowFields { stored.version += 1 }
        for index in apps { stored.apps[index].version += 1 }
        return stored
    }

    /// The ids of the apps written.
    public var appIDs: [String] {
        apps.map { record.apps[$0].id }
    }
}
