public import Foundation

/// An API key as the store keeps it: its name, the SHA-256 of the key (the key itself is printed once, by
/// `baton keys create`, and never stored), and what it may deploy into.
public struct APIKeyRecord: Sendable, Hashable, Codable {
    /// The key's name, unique in the store: the principal's name (`key:NAME`).
    public var name: String
    /// The SHA-256 of the key, hex.
    public var keyHash: String
    /// The GitHub owners the key may deploy into; nil: any.
    public var allowedOwners: [String]?
    /// The Vercel team ids the key may deploy into; nil: any.
    public var allowedTeams: [String]?
    /// When it was created.
    public var createdAt: Date
    /// When it was revoked; a revoked key proves nothing.
    public var revokedAt: Date?

    public init(
        name: String, keyHash: String, allowedOwners: [String]?, allowedTeams: [String]?, createdAt: Date,
        revokedAt: Date? = nil
    ) {
        self.name = name
        self.keyHash = keyHash
        self.allowedOwners = allowedOwners
        self.allowedTeams = allowedTeams
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    /// The principal the key proves.
    public var principal: Principal {
        Principal(kind: .apiKey, name: name, allowedOwners: allowedOwners, allowedTeams: allowedTeams)
    }
}

/// Where API keys are kept: the workflow store's database, so a key created or revoked on one instance counts on
/// every instance at once (keys are read on every request that presents one; nothing is cached).
public protocol APIKeyStore: Sendable {
    /// Stores a new key.
    /// - Throws: ``APIKeyStoreError/nameTaken(_:)`` when a key (revoked or not) already has that name.
    func insertKey(_ key: APIKeyRecord) async throws
    /// The key whose SHA-256 is `keyHash`, revoked or not; nil when none.
    func key(hash keyHash: String) async throws -> APIKeyRecord?
    /// Every key, oldest first.
    func allKeys() async throws -> [APIKeyRecord]
    /// Marks the key named `name` revoked at `date` (the first revocation stays); false when there is no such key.
    func revokeKey(named name: String, at date: Date) async throws -> Bool
}

/// Errors of an ``APIKeyStore``.
public enum APIKeyStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A key with this name exists already.
    case nameTaken(String)

    public var description: String {
        switch self {
        case .nameTaken(let name): "A key named '\(name)' exists already (names are never reused, even once revoked)."
        }
    }
}
