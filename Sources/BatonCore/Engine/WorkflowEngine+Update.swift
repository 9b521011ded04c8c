extension WorkflowEngine {
    /// Applies `change` to the workflow and stores it with compare-and-set, re-reading and re-applying
    /// when another request changed it first. Writes nothing when `change` changes nothing.
    /// - Returns: the stored record and what `change` returned.
    func update<Result>(
        _ record: WorkflowRecord,
        _ change: (inout WorkflowRecord) throws(APIError) -> Result
    ) async throws -> (WorkflowRecord, Result) {
        var current = record
        for _ in 0..<configuration.maxUpdateAttempts {
            var candidate = current
            let result = try change(&candidate)
            if candidate == current { return (current, result) }
            if let stored = try await store.update(candidate) {
                signal.notify(stored.id)
                return (stored, result)
            }
            guard let fresh = try await store.fetch(id: record.id) else {
                throw APIError(.workflowNotFound, "The workflow '\(record.id)' no longer exists.")
            }
            current = fresh
        }
        throw APIError(.conflict, "The workflow is being changed by many requests at once; try again.")
    }
}
