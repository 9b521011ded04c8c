public import Foundation

/// Where workflows live between requests.
///
/// A store keeps each workflow in three parts: its own fields (id, token hash, config, whether it was canceled), each
/// app (its actions and sealed env values) and its history (appended, never rewritten). A step reads the workflow's
/// fields and its one app (``fetch(id:app:)``) and writes back only that app (``write(_:)``), so its cost does not
/// grow with the workflow, and steps of different apps never conflict.
///
/// Every write is a compare-and-set: each app it writes only if the app is still at the ``AppRecord/version`` read,
/// and the workflow's own fields only if they are still at ``WorkflowRecord/version`` — all or nothing. Of two
/// requests that read the same version, only one can write, so no action is ever started twice. A write that changes
/// the workflow's own fields (cancel) writes every app too, so it conflicts with every step that read before it.
public protocol WorkflowStore: Sendable {
    /// Stores a new workflow, its fields and every app at version 1, with its history.
    /// - Throws: ``WorkflowStoreError/duplicateID`` when the id exists.
    func insert(_ record: WorkflowRecord) async throws

    /// The whole workflow, as one consistent snapshot (no write is seen in part), or `nil`.
    /// - Parameter includeHistory: whether to read its history too (it grows with every transition).
    func fetch(id: String, includeHistory: Bool) async throws -> WorkflowRecord?

    /// The workflow's own fields and one app (with its sealed env values), as one consistent snapshot, and no history;
    /// `apps` is empty when the workflow has no app `app`. `nil` when there is no such workflow.
    func fetch(id: String, app: String) async throws -> WorkflowRecord?

    /// Stores what `write` changes, when everything it writes is still at the version read.
    /// - Returns: the record as stored (written parts at their new versions), or `nil` when another request changed a
    ///   part first (nothing is written then) or the workflow no longer exists.
    func write(_ write: WorkflowWrite) async throws -> WorkflowRecord?

    /// Deletes workflows created before `date`, returning how many.
    func deleteWorkflows(createdBefore date: Date) async throws -> Int

    /// The ids of the workflows `principal` (a ``Principal/id``) started at or after `date`, newest first, at most
    /// `limit` (an index on principal and creation time serves it in the SQL stores).
    func workflowIDs(principal: String, createdSince date: Date, limit: Int) async throws -> [String]

    /// How many workflows `principal` started at or after `date` are open: not canceled, and with an app whose
    /// actions have not all succeeded (a failed one may still be retried).
    func openWorkflowCount(principal: String, createdSince date: Date) async throws -> Int

    /// How many workflows created at or after `date` are open, whoever started them (the same test as
    /// ``openWorkflowCount(principal:createdSince:)``): the `baton_workflows_open` gauge, counted when scraped.
    func openWorkflowCount(createdSince date: Date) async throws -> Int
}

extension WorkflowStore {
    /// The whole workflow with its history, or `nil`.
    public func fetch(id: String) async throws -> WorkflowRecord? {
        try await fetch(id: id, includeHistory: true)
    }
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
