public import Foundation

/// A sealed value kept by a ``SealedSecretStore``: the provider tokens of one workflow, or one browser's account
/// connections. The store sees only ciphertext; ``version`` makes every replacement a compare-and-set, and ``leaseUntil``
/// lets one request at a time hold the value while it renews a token.
public struct SealedSecret: Sendable, Hashable {
    /// What the value is, such as `workflow-accounts` or `connection`.
    public var kind: String
    /// Its key within the kind: a workflow id, or the SHA-256 of a connection cookie.
    public var id: String
    /// The principal it belongs to (a ``Principal/id``).
    public var principal: String
    /// The AES-GCM sealed bytes.
    public var sealed: Data
    /// 1 when inserted, one more with every replacement.
    public var version: Int
    /// Until when a request holds it (renewing a token); `nil` when no one does.
    public var leaseUntil: Date?
    /// When it was inserted or last replaced.
    public var updatedAt: Date

    public init(kind: String, id: String, principal: String, sealed: Data, version: Int = 1, leaseUntil: Date? = nil, updatedAt: Date) {
        self.kind = kind
        self.id = id
        self.principal = principal
        self.sealed = sealed
        self.version = version
        self.leaseUntil = leaseUntil
        self.updatedAt = updatedAt
    }
}

/// Where sealed secrets live: shared by every instance on the store, like workflows.
public protocol SealedSecretStore: Sendable {
    /// The secret `kind`/`id`, or `nil`.
    func secret(kind: String, id: String) async throws -> SealedSecret?

    /// Stores `secret` (its `version` is stored as given), or replaces the one stored when it is still at
    /// `expectedVersion`. Pass `expectedVersion: nil` to insert only when none is stored.
    /// - Returns: whether it was written; `false` when another request wrote first (or, for an insert, one exists).
    func putSecret(_ secret: SealedSecret, expectedVersion: Int?) async throws -> Bool

    /// Deletes the secret `kind`/`id` (nothing when there is none).
    func deleteSecret(kind: String, id: String) async throws

    /// Deletes the secrets of `kind` last written before `date`, returning how many.
    func deleteSecrets(kind: String, updatedBefore date: Date) async throws -> Int
}
