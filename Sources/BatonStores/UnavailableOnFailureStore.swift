public import BatonCore
public import Foundation

/// Wraps a database-backed store so that its driver's errors become ``WorkflowStoreError/unavailable(_:)``,
/// which the server answers with 503 (try again) instead of a 500 (a bug).
public struct UnavailableOnFailureStore: WorkflowStore {
    let base: any WorkflowStore

    /// Wraps `base`.
    public init(base: any WorkflowStore) {
        self.base = base
    }

    public func insert(_ record: WorkflowRecord) async throws {
        try await mapped { try await base.insert(record) }
    }

    public func fetch(id: String, includeHistory: Bool) async throws -> WorkflowRecord? {
        try await mapped { try await base.fetch(id: id, includeHistory: includeHistory) }
    }

    public func fetch(id: String, app: String) async throws -> WorkflowRecord? {
        try await mapped { try await base.fetch(id: id, app: app) }
    }

    public func write(_ write: WorkflowWrite) async throws -> WorkflowRecord? {
        try await mapped { try await base.write(write) }
    }

    public func deleteWorkflows(createdBefore date: Date) async throws -> Int {
        try await mapped { try await base.deleteWorkflows(createdBefore: date) }
    }

    public func workflowIDs(principal: String, createdSince date: Date, limit: Int) async throws -> [String] {
        try await mapped { try await base.workflowIDs(principal: principal, createdSince: date, limit: limit) }
    }

    public func openWorkflowCount(principal: String, createdSince date: Date) async throws -> Int {
        try await mapped { try await base.openWorkflowCount(principal: principal, createdSince: date) }
    }

    public func openWorkflowCount(createdSince date: Date) async throws -> Int {
        try await mapped { try await base.openWorkflowCount(createdSince: date) }
    }

    private func mapped<Value>(_ body: () async throws -> Value) async throws -> Value {
        try await Self.mapped(body)
    }

    /// Runs `body`, rethrowing a ``WorkflowStoreError`` or a cancellation as it is and any other error (the driver's)
    /// as ``WorkflowStoreError/unavailable(_:)``.
    static func mapped<Value>(_ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch let error as WorkflowStoreError {
            throw error
        } catch let error as CancellationError {
            throw error
        } catch {
            throw WorkflowStoreError.unavailable(String(reflecting: error))
        }
    }
}
