import Foundation

/// Everything the sandbox knows, mutated only under the lock of its ``ProviderSandbox``.
struct SandboxState: Sendable {
    /// The knobs the sandbox started with; `POST /sandbox/faults {}` returns to them.
    let startConfiguration: SandboxConfiguration
    /// The knobs in force.
    var configuration: SandboxConfiguration
    /// Targeted faults in force.
    var faults: SandboxFaults
    /// Decides which provider requests fail.
    var failures: FailureInjector
    /// Makes identifiers.
    var identifiers = IdentifierFactory()
    /// Provider calls per `METHOD /route/{template}`, failed ones included.
    var calls: [String: Int] = [:]
    /// GitHub's hourly request budget as the headers report it.
    var gitHubRateLimit = GitHubRateLimitWindow()
    /// When each fork or generate of the last hour arrived, oldest first, for the `contentCreationLimit` fault.
    var contentCreations: [Date] = []
    /// How many forks and generates the content-creation limit refused.
    var contentCreationRefusals = 0
    /// The imitated GitHub.
    var github: GitHubWorld
    /// The imitated Vercel.
    var vercel = VercelWorld()
    /// The codes and tokens of the imitated sign-in (GitHub App user access tokens, Sign in with Vercel).
    var oauth = OAuthWorld()

    /// Creates the start-up state: configuration in force, no faults, the seeded templates.
    init(configuration: SandboxConfiguration, now: Date) {
        startConfiguration = configuration
        self.configuration = configuration
        faults = SandboxFaults(configuration: configuration)
        failures = FailureInjector(seed: configuration.seed)
        var identifiers = IdentifierFactory()
        github = GitHubWorld(now: now, identifiers: &identifiers)
        self.identifiers = identifiers
    }

    /// Counts one provider call under `key`.
    mutating func count(_ key: String) {
        calls[key, default: 0] += 1
    }
}
