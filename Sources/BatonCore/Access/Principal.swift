import Foundation

/// Who a request acts for: an API key (by its name), a JWT's subject, or — with no authentication — the client's
/// address. Every workflow records the principal that started it (never the credential).
public struct Principal: Sendable, Hashable, Codable {
    /// How the principal was established.
    public enum Kind: String, Sendable, Codable {
        /// An operator-issued API key (`baton keys create`).
        case apiKey = "key"
        /// A JSON Web Token minted by the host application.
        case jwt
        /// Nobody proved anything: the client's address stands for it (`--auth none`), for abuse limits only.
        case address
    }

    /// How the principal was established.
    public var kind: Kind
    /// The key's name, the token's `sub`, or the client's address.
    public var name: String
    /// The GitHub owners this principal may deploy into (compared without case, as GitHub logins are); nil: any.
    public var allowedOwners: [String]?
    /// The Vercel team ids this principal may deploy into; nil: any.
    public var allowedTeams: [String]?

    public init(kind: Kind, name: String, allowedOwners: [String]? = nil, allowedTeams: [String]? = nil) {
        self.kind = kind
        self.name = name
        self.allowedOwners = allowedOwners
        self.allowedTeams = allowedTeams
    }

    /// The id a workflow records: `key:NAME`, `jwt:SUB` or `address:ADDRESS`.
    public var id: String { "\(kind.rawValue):\(name)" }

    /// Whether presenting this principal's credential may stand in for a workflow's own token. An address proves
    /// nothing (many people share one), so it never does.
    public var provesIdentity: Bool { kind != .address }
}
