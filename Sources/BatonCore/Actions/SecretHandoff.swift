import Foundation

/// How an action hands secrets to the later actions of its app: a key or password a provider showed once (a
/// monitor's webhook secret, a database's generated password) that a later step needs.
///
/// Outputs are public (shown to clients, kept in plain text), so secrets never go there. Handed secrets are sealed
/// like env values, with the store's key (AES-GCM, bound to the workflow, app and action), kept in the action's record,
/// never shown in a status or a log, and erased once every action of the app succeeded or the workflow is canceled.
///
/// Actions use it through ``ActionContext/handOver(_:)`` and ``ActionContext/handedSecrets(from:)``.
public struct SecretHandoff: Sendable {
    /// Seals and stores the current action's secrets under its claim.
    let store: @Sendable (_ values: [String: String]) async throws -> Void
    /// The sealed secrets of the app's succeeded actions, by action id.
    let sealedByAction: [String: Data]
    /// Opens what an action handed: (sealed, action id) → values.
    let open: @Sendable (_ sealed: Data, _ actionID: String) throws -> [String: String]

    init(
        store: @escaping @Sendable ([String: String]) async throws -> Void, sealedByAction: [String: Data],
        open: @escaping @Sendable (Data, String) throws -> [String: String]
    ) {
        self.store = store
        self.sealedByAction = sealedByAction
        self.open = open
    }

    /// A handoff that keeps nothing and has nothing, for running an action outside the engine (tests, tools).
    public static let unavailable = SecretHandoff(
        store: { _ in throw SecretHandoffError.unavailable }, sealedByAction: [:], open: { _, _ in [:] }
    )

    /// What the engine seals an action's secrets to: they open only for the same workflow, app and action.
    static func context(workflowID: String, appID: String, actionID: String) -> String {
        "handed-secrets/\(workflowID)/\(appID)/\(actionID)"
    }
}

/// Why handing or reading secrets failed.
public enum SecretHandoffError: Error, Sendable, Hashable {
    /// The action runs outside the engine, which alone keeps handed secrets.
    case unavailable
    /// The secrets were sealed with another key than the server's (its `BATON_SECRET_KEY` changed).
    case unreadable(action: String)
}

extension ActionContext {
    /// Hands `secrets` to the later actions of this app, sealed, replacing what this action handed before. Call it
    /// before the step returns `succeeded`; a later action reads them with ``handedSecrets(from:)``.
    /// - Throws: `CancellationError` when this request no longer holds the action (stop the step), or
    ///   ``SecretHandoffError/unavailable`` outside the engine.
    public func handOver(_ secrets: [String: String]) async throws {
        try await secretHandoff.store(secrets)
    }

    /// The secrets `actionID` handed over, once it succeeded; `nil` when it handed none.
    /// - Throws: ``SecretHandoffError/unreadable(action:)`` when they cannot be opened with the server's key.
    public func handedSecrets(from actionID: String) throws -> [String: String]? {
        guard let sealed = secretHandoff.sealedByAction[actionID] else { return nil }
        do {
            return try secretHandoff.open(sealed, actionID)
        } catch {
            throw SecretHandoffError.unreadable(action: actionID)
        }
    }
}
