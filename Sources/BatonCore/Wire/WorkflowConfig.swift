/// What a workflow deploys and where: the `config` of an `init` request.
public struct WorkflowConfig: Codable, Sendable, Hashable {
    /// The catalog ids of the apps to deploy, in order.
    public var apps: [String]
    /// Where the repositories go.
    public var github: GitHubTarget
    /// Which Vercel team gets the projects; `nil` for the personal account.
    public var vercel: VercelTarget?
    /// The domain each app gets a subdomain of; `nil` for none.
    public var domain: String?

    public init(apps: [String], github: GitHubTarget, vercel: VercelTarget? = nil, domain: String? = nil) {
        self.apps = apps
        self.github = github
        self.vercel = vercel
        self.domain = domain
    }
}

/// The GitHub account that receives the repositories.
public struct GitHubTarget: Codable, Sendable, Hashable {
    /// A user or organization login.
    public var owner: String

    public init(owner: String) { self.owner = owner }
}

/// The Vercel team that receives the projects.
public struct VercelTarget: Codable, Sendable, Hashable {
    /// A team id such as `team_1a2b3c`.
    public var teamID: String

    public init(teamID: String) { self.teamID = teamID }

    enum CodingKeys: String, CodingKey {
        case teamID = "teamId"
    }
}

/// A validated `init` request: the config, each app's env values and, optionally, the user's own accounts.
public struct InitRequest: Sendable, Hashable {
    /// What to deploy.
    public var config: WorkflowConfig
    /// Env values by app id, then by key. Secret: never returned or logged.
    public var envVars: [String: [String: String]]
    /// The user's own account per provider (every provider, or none: then the server's tokens are used).
    public var accounts: [AccountProviderKind: AccountChoice]

    public init(config: WorkflowConfig, envVars: [String: [String: String]] = [:], accounts: [AccountProviderKind: AccountChoice] = [:]) {
        self.config = config
        self.envVars = envVars
        self.accounts = accounts
    }
}

/// Where a workflow's account at one provider comes from (`init`'s `accounts.github` / `accounts.vercel`).
public enum AccountChoice: Sendable, Hashable, CustomStringConvertible {
    /// `"connected"`: the account the browser connected (the `baton_connection` cookie).
    case connected
    /// `{"token": "…"}`: a token the user gives (a personal access token), sent once and stored sealed. Secret.
    case token(String)

    public var description: String {
        switch self {
        case .connected: "connected"
        case .token: "token(<redacted>)"
        }
    }
}
