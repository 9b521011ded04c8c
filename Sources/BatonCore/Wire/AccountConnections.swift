/// `GET /api/connections`: which of the user's own accounts the server can connect, and which this browser has
/// connected (public facts only, never a token).
public struct AccountConnections: Codable, Sendable, Hashable {
    /// GitHub.
    public var github: GitHub
    /// Vercel.
    public var vercel: Vercel

    /// The GitHub connection.
    public struct GitHub: Codable, Sendable, Hashable {
        /// Whether the server has a GitHub App to connect accounts with.
        public var available: Bool
        /// Whether this browser connected an account.
        public var connected: Bool
        /// The connected user's login.
        public var login: String?
        /// The owners the user may choose: their login and organizations, each with whether Baton's App is installed.
        public var owners: [AccountIdentity.Owner]?
        /// Where to install Baton's App on another account.
        public var installURL: String?

        public init(available: Bool, connected: Bool, login: String? = nil, owners: [AccountIdentity.Owner]? = nil, installURL: String? = nil) {
            self.available = available
            self.connected = connected
            self.login = login
            self.owners = owners
            self.installURL = installURL
        }

        enum CodingKeys: String, CodingKey {
            case available, connected, login, owners, installURL = "installUrl"
        }
    }

    /// The Vercel connection.
    public struct Vercel: Codable, Sendable, Hashable {
        /// Whether the server has a Vercel app to connect accounts with.
        public var available: Bool
        /// Whether this browser connected an account.
        public var connected: Bool
        /// The connected user's username.
        public var username: String?
        /// The user's teams (none chosen means the personal account).
        public var teams: [AccountIdentity.Team]?

        public init(available: Bool, connected: Bool, username: String? = nil, teams: [AccountIdentity.Team]? = nil) {
            self.available = available
            self.connected = connected
            self.username = username
            self.teams = teams
        }
    }

    public init(github: GitHub, vercel: Vercel) {
        self.github = github
        self.vercel = vercel
    }
}

/// `POST /api/connections/{provider}`: where to send the browser.
public struct AuthorizationStart: Codable, Sendable, Hashable {
    /// The provider's authorize page, with `state` and the PKCE challenge.
    public var authorizeURL: String

    public init(authorizeURL: String) { self.authorizeURL = authorizeURL }

    enum CodingKeys: String, CodingKey {
        case authorizeURL = "authorizeUrl"
    }
}
