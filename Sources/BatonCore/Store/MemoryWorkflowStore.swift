public import Foundation
import Synchronization

/// A ``WorkflowStore`` in memory, for tests and demos: nothing survives the process.
///
/// A lock rather than an actor: every operation is a short dictionary access, and a lock spares each request
/// the executor hops an actor would cost. Each workflow is kept in parts like the SQL stores keep it, so a step's
/// read and write cost the same whatever the workflow's size.
public final class MemoryWorkflowStore: WorkflowStore, CallPacer {
    /// One workflow, in parts.
    private struct Stored {
        /// The workflow's own fields (no apps, env values or history).
        var fields: WorkflowRecord
        var apps: [AppRecord]
        var positions: [String: Int]
        var sealedEnv: [String: Data]
        var history: [HistoryEntry]

        func record(apps positions: [Int], includeHistory: Bool) -> WorkflowRecord {
            var record = fields
            record.apps = positions.map { apps[$0] }
            for app in record.apps {
                if let sealed = sealedEnv[app.id] { record.sealedEnv[app.id] = sealed }
            }
            if includeHistory { record.history = history }
            return record
        }
    }

    private let workflows = Mutex<[String: Stored]>([:])
    private let slots = InMemoryCallPacer()
    /// API keys (``APIKeyStore``), oldest first.
    let apiKeyRecords = Mutex<[APIKeyRecord]>([])
    /// Sealed secrets (``SealedSecretStore``), by kind, then by id.
    let sealedSecrets = Mutex<[String: [String: SealedSecret]]>([:])

    public init() {}

    public func reserve(_ key: String, pace: CallPace, at now: Date) -> Date? {
        slots.reserve(key, pace: pace, at: now)
    }

    public func insert(_ record: WorkflowRecord) throws {
        try workflows.withLock { workflows in
            guard workflows[record.id] == nil else { throw WorkflowStoreError.duplicateID(record.id) }
            var fields = record
            fields.version = 1
            fields.apps = []
            fields.sealedEnv = [:]
            fields.history = []
            let apps = record.apps.map { app in
                var app = app
                app.version = 1
                return app
            }
            workflows[record.id] = Stored(
                fields: fields, apps: apps,
                positions: Dictionary(uniqueKeysWithValues: apps.enumerated().map { ($1.id, $0) }),
                sealedEnv: record.sealedEnv, history: record.history
            )
        }
    }

    public func fetch(id: String, includeHistory: Bool) -> WorkflowRecord? {
        workflows.withLock { workflows in
            workflows[id].map { $0.record(apps: Array($0.apps.indices), includeHistory: includeHistory) }
        }
    }

    public func fetch(id: String, app: String) -> WorkflowRecord? {
        workflows.withLock { workflows in
            guard let stored = workflows[id] else { return nil }
            return stored.record(apps: stored.positions[app].map { [$0] } ?? [], includeHistory: false)
        }
    }

    public func write(_ write: WorkflowWrite) -> WorkflowRecord? {
        workflows.withLock { workflows in
            guard var stored = workflows[write.record.id] else { return nil }
            let record = write.record
            if write.writesWorkflowFields && stored.fields.version != record.version { return nil }
            var positions: [Int] = []
            for index in write.apps {
                guard let position = stored.positions[record.apps[index].id],
                      stored.apps[position].version == record.apps[index].version else { return nil }
                positions.append(position)
            }
            // Every compare passed: apply the whole write.
            workflows[write.record.id] = nil  // so the parts below are changed in place, not copied
            let result = write.stored
            if write.writesWorkflowFields {
                var fields = result
                fields.apps = []
                fields.sealedEnv = [:]
                fields.history = []
                stored.fields = fields
            }
            for (index, position) in zip(write.apps, positions) {
                let app = result.apps[index]
                stored.apps[position] = app
                stored.sealedEnv[app.id] = record.sealedEnv[app.id]
            }
            stored.history.append(contentsOf: write.appendedHistory)
            workflows[write.record.id] = stored
            return result
        }
    }

    public func workflowIDs(principal: String, createdSince date: Date, limit: Int) -> [String] {
        workflows.withLock { workflows in
            workflows.values.map(\.fields)
                .filter { $0.principal == principal && $0.createdAt >= date }
                .sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
                .prefix(limit).map(\.id)
        }
    }

    public func openWorkflowCount(principal: String, createdSince date: Date) -> Int {
        openWorkflowCount(createdSince: date) { $0.principal == principal }
    }

    public func openWorkflowCount(createdSince date: Date) -> Int {
        openWorkflowCount(createdSince: date) { _ in true }
    }

    private func openWorkflowCount(createdSince date: Date, where include: (WorkflowRecord) -> Bool) -> Int {
        workflows.withLock { workflows in
            workflows.values.count { stored in
                include(stored.fields) && stored.fields.createdAt >= date && !stored.fields.canceled
                    && !stored.apps.allSatisfy(\.hasSucceeded)
            }
        }
    }

    public func deleteWorkflows(createdBefore date: Date) -> Int {
        workflows.withLock { workflows in
            let expired = workflows.values.filter { $0.fields.createdAt < date }.map(\.fields.id)
            for id in expired { workflows[id] = nil }
            return expired.count
        }
    }
}
