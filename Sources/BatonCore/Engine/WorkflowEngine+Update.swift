extension WorkflowEngine {
    /// Applies `change` to the workflow and stores what it changed with compare-and-set, re-reading (the same parts
    /// `record` holds: one app or all) and re-applying when another request changed them first. Writes nothing when
    /// `change` changes nothing.
    /// - Returns: the stored record and what `change` returned.
    func update<Result>(
        _ record: WorkflowRecord,
        _ change: (inout WorkflowRecord) throws(APIError) -> Result
    ) async throws -> (WorkflowRecord, Result) {
        var current = record
        for _ in 0..<configuration.maxUpdateAttempts {
            var candidate = current
            let result = try change(&candidate)
            guard let write = WorkflowWrite(from: current, to: candidate) else { return (current, result) }
            if let stored = try await store.write(write) {
                signal.notify(stored.id, apps: write.appIDs)
                return (stored, result)
            }
            current = try await reread(record)
        }
        throw APIError(.conflict, "The workflow is being changed by many requests at once; try again.")
    }

    /// The workflow as stored now, holding the same apps as `record` (one, or all).
    private func reread(_ record: WorkflowRecord) async throws -> WorkflowRecord {
        let fresh: WorkflowRecord?
        if record.apps.count == 1, record.config.apps.count > 1 {
            fresh = try await store.fetch(id: record.id, app: record.apps[0].id)
        } else {
            fresh = try await store.fetch(id: record.id, includeHistory: false)
        }
        guard let fresh, fresh.apps.map(\.id) == record.apps.map(\.id) else {
            throw APIError(.workflowNotFound, "The workflow '\(record.id)' no longer exists.")
        }
        return fresh
    }
}
