public import Foundation

/// One browser's connected accounts: what the `baton_connection` cookie stands for. Stored sealed (``SealedSecretStore``
/// kind ``kind``, keyed by the SHA-256 of the cookie's value) and bound to the principal that connected them, so the
/// cookie alone reaches nothing another principal started.
public struct AccountConnection: Codable, Sendable, Hashable {
    /// The ``SealedSecret/kind`` of connections.
    public static let kind = "connection"

    /// An authorization under way: what the provider's redirect must bring back (`state`) and what proves it is this
    /// browser's (the PKCE verifier), kept until the callback.
    public struct PendingAuthorization: Codable, Sendable, Hashable {
        /// The random `state` sent to the provider.
        public var state: String
        /// The PKCE code verifier whose S256 challenge was sent.
        public var codeVerifier: String
        /// The callback URL sent (the token exchange must repeat it exactly).
        public var redirectURI: String
        /// When the authorization started; it lapses after ``AccountConnection/pendingLifetime``.
        public var startedAt: Date

        public init(state: String, codeVerifier: String, redirectURI: String, startedAt: Date) {
            self.state = state
            self.codeVerifier = codeVerifier
            self.redirectURI = redirectURI
            self.startedAt = startedAt
        }
    }

    /// A connected account: its tokens and who it is.
    public struct Account: Codable, Sendable, Hashable {
        /// The grant's tokens (the newest of its chain: renewals by workflows are written back here).
        public var credential: AccountCredential
        /// Who the account is, as the provider said when it was connected.
        public var identity: AccountIdentity
        /// Whether the user disconnected it: new workflows cannot use it, but the grant is kept for the workflows
        /// already started from it (they renew through it), until the connection expires. `nil` means no.
        public var disconnected: Bool?

        public init(credential: AccountCredential, identity: AccountIdentity, disconnected: Bool? = nil) {
            self.credential = credential
            self.identity = identity
            self.disconnected = disconnected
        }

        /// Whether new workflows may use it.
        public var isUsable: Bool { disconnected != true }
    }

    /// How long a connection is kept unused: 30 days, Vercel's refresh-token lifetime (providers.md §6.5).
    public static let lifetime: TimeInterval = 30 * 86_400

    /// How long a started authorization may take to come back.
    public static let pendingLifetime: TimeInterval = 600

    /// Authorizations under way, by provider.
    public var pending: [AccountProviderKind: PendingAuthorization]
    /// Connected accounts, by provider.
    public var accounts: [AccountProviderKind: Account]

    public init(pending: [AccountProviderKind: PendingAuthorization] = [:], accounts: [AccountProviderKind: Account] = [:]) {
        self.pending = pending
        self.accounts = accounts
    }

    /// The account of `kind` new workflows may use (connected and not disconnected).
    public func usableAccount(_ kind: AccountProviderKind) -> Account? {
        accounts[kind].flatMap { $0.isUsable ? $0 : nil }
    }
}

/// Who a connected account is, and where it may deploy: public facts shown to the user, never secrets.
public struct AccountIdentity: Codable, Sendable, Hashable {
    /// A GitHub account the user may choose as owner: their own login or one of their organizations.
    public struct Owner: Codable, Sendable, Hashable {
        /// The login.
        public var login: String
        /// Whether Baton's GitHub App is installed on it (a user token reaches only accounts where it is).
        public var installed: Bool

        public init(login: String, installed: Bool) {
            self.login = login
            self.installed = installed
        }
    }

    /// A Vercel team the user belongs to.
    public struct Team: Codable, Sendable, Hashable {
        /// The team id (`team_…`).
        public var id: String
        /// The team's slug.
        public var slug: String
        /// The team's name.
        public var name: String?

        public init(id: String, slug: String, name: String?) {
            self.id = id
            self.slug = slug
            self.name = name
        }
    }

    /// The GitHub login or the Vercel username.
    public var login: String
    /// GitHub: the user's login and organizations.
    public var owners: [Owner]
    /// Vercel: the user's teams.
    public var teams: [Team]
    /// GitHub: where the user installs Baton's App on another account.
    public var installURL: String?

    public init(login: String, owners: [Owner] = [], teams: [Team] = [], installURL: String? = nil) {
        self.login = login
        self.owners = owners
        self.teams = teams
        self.installURL = installURL
    }

    /// The owner `login`, matched without case as GitHub matches logins.
    public func owner(_ login: String) -> Owner? {
        owners.first { $0.login.lowercased() == login.lowercased() }
    }
}
