import Foundation

/// Where workflows live between requests.
///
/// Every update is a compare-and-set on ``WorkflowRecord/version``: of two requests that read the same
/// version, only one can write, so no action is ever started twice. Implementations persist the record
/// whole (SQL stores as one JSON document next to indexed columns).
public protocol WorkflowStore: Sendable {
    /// Stores a new workflow at version 1.
    /// - Throws: ``WorkflowStoreError/duplicateID`` when the id exists.
    func insert(_ record: WorkflowRecord) async throws

    /// The workflow with this id, or `nil`.
    func fetch(id: String) async throws -> WorkflowRecord?

    /// Replaces a workflow when its stored version is still `record.version`, and stores it at the next version.
    /// - Returns: the stored record (at its new version), or `nil` when another request changed it first.
    func update(_ record: WorkflowRecord) async throws -> WorkflowRecord?

    /// Deletes workflows created before `date`, returning how many.
    func deleteWorkflows(createdBefore date: Date) async throws -> Int
}

/// Errors stores throw.
public enum WorkflowStoreError: Error, Equatable, Sendable {
    /// A workflow with the same id exists.
    case duplicateID(String)
    /// The database cannot be reached or failed; the request may succeed later.
    case unavailable(String)
}

/// Where a store keeps the check value that proves the secret key is the one its data was sealed with.
public protocol SecretKeyCheckStorage: Sendable {
    /// The stored check value, or `nil` when none was stored yet.
    func secretKeyCheck() async throws -> Data?
    /// Stores the check value (only when none is stored).
    func storeSecretKeyCheck(_ check: Data) async throws
}
