public import AsyncHTTPClient
public import BatonCore

/// Where the provider APIs are and which tokens to use.
public struct ProviderSettings: Sendable {
    /// GitHub's API base URL.
    public var githubAPIURL: String
    /// Vercel's API base URL.
    public var vercelAPIURL: String
    /// The GitHub token (`GITHUB_TOKEN`).
    public var githubToken: ProviderToken
    /// The Vercel token (`VERCEL_TOKEN`).
    public var vercelToken: ProviderToken
    /// The Vercel team used when a workflow names none (`VERCEL_TEAM_ID`).
    public var defaultTeamID: String?
    /// How fast GitHub content-creating calls (forks, generated repositories) are made per token.
    public var githubContentPace: CallPace

    public init(
        githubAPIURL: String = "https://api.github.com", vercelAPIURL: String = "https://api.vercel.com",
        githubToken: ProviderToken, vercelToken: ProviderToken, defaultTeamID: String? = nil,
        githubContentPace: CallPace = .githubContentCreation
    ) {
        self.githubAPIURL = githubAPIURL
        self.vercelAPIURL = vercelAPIURL
        self.githubToken = githubToken
        self.vercelToken = vercelToken
        self.defaultTeamID = defaultTeamID
        self.githubContentPace = githubContentPace
    }
}

/// The clients every provider action uses.
public struct ProviderClients: Sendable {
    /// GitHub.
    public let github: GitHubClient
    /// Vercel.
    public let vercel: VercelClient
    /// The settings they were made with.
    public let settings: ProviderSettings

    public init(settings: ProviderSettings, http: HTTPClient) {
        self.settings = settings
        github = GitHubClient(baseURL: settings.githubAPIURL, token: settings.githubToken, http: http)
        vercel = VercelClient(baseURL: settings.vercelAPIURL, token: settings.vercelToken, http: http)
    }

    /// The GitHub client a step uses: with the user's own account's token when the workflow deploys into their
    /// accounts, else with the server's; its calls reported to the step's ``ActionContext/telemetry``.
    public func github(for context: ActionContext) -> GitHubClient {
        let observed = github.observed(by: context.telemetry)
        guard let tokens = context.accountTokens else { return observed }
        return observed.authorized(by: ProviderToken(tokens.accessTokens[.github]))
    }

    /// The Vercel client a step uses (see ``github(for:)``).
    public func vercel(for context: ActionContext) -> VercelClient {
        let observed = vercel.observed(by: context.telemetry)
        guard let tokens = context.accountTokens else { return observed }
        return observed.authorized(by: ProviderToken(tokens.accessTokens[.vercel]))
    }

    /// The Vercel team of a workflow: its own, or the server's default — which never applies to the user's own
    /// account (their personal account is meant then).
    public func teamID(_ context: ActionContext) -> String? {
        context.config.vercel?.teamID ?? (context.accountTokens == nil ? settings.defaultTeamID : nil)
    }

    /// The key under which GitHub's content-creation calls are paced: per account, as GitHub limits them.
    public func githubAccountKey(_ context: ActionContext) -> String {
        context.accountTokens?.accountKeys[.github].map { "account:" + $0 } ?? settings.githubToken.fingerprint
    }
}

extension ActionRegistry {
    /// The six deployment actions against the real (or sandboxed) GitHub and Vercel APIs.
    public static func providers(_ clients: ProviderClients) -> ActionRegistry {
        typealias ID = WorkflowDefinition.ActionID
        return ActionRegistry([
            ID.forkRepository: ForkRepositoryAction(clients: clients),
            ID.createProject: CreateProjectAction(clients: clients),
            ID.configureEnv: ConfigureEnvAction(clients: clients),
            ID.deploy: DeployAction(clients: clients),
            ID.assignDomain: AssignDomainAction(clients: clients),
            ID.presentDNS: PresentDNSAction(clients: clients),
        ])
    }
}
