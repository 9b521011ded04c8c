/// Targeted faults: switched on through `POST /sandbox/faults` to make one scenario fail on purpose.
struct SandboxFaults: Sendable, Equatable {
    /// A Vercel project name whose next deployment ends in `ERROR`; cleared when that deployment is created.
    var failDeployment: String?
    /// When on, every provider request is answered as if its token were bad.
    var rejectTokens = false
    /// A GitHub owner login on which the Vercel GitHub App is "not installed": linking or deploying its
    /// repositories fails.
    var missingGitHubApp: String?
    /// GitHub's secondary rate limit on content creation: the next calls to fork or generate are refused with 403.
    var secondaryRateLimit: SecondaryRateLimitFault?
    /// GitHub's content-creation limit as a standing rule: forks and generates beyond so many a minute or an hour are
    /// refused with the secondary-limit 403 until the window has room again.
    var contentCreationLimit: ContentCreationLimit?
    /// A GitHub owner login the token may not create repositories in: forks into it and repositories generated
    /// into it are refused with 403 `Resource not accessible by personal access token`. Stays until cleared.
    var readOnlyOwner: String?
    /// A Vercel project whose next deployment becomes `READY` but never gets its alias (`aliasError`); cleared
    /// when that deployment is created.
    var aliasError: AliasErrorFault?
    /// Seconds the access tokens issued through OAuth from now on live (`oauthAccessTokenSeconds`); nil for the
    /// providers' lifetimes, GitHub 28800 and Vercel 3600 (providers.md §6.5).
    var oauthAccessTokenSeconds: Int?

    /// No faults but the standing ones `configuration` starts with (its content-creation limit).
    init(configuration: SandboxConfiguration? = nil) {
        if let limit = configuration?.contentCreationLimit {
            contentCreationLimit = ContentCreationLimit(perMinute: limit.perMinute, perHour: limit.perHour)
        }
    }

    /// Whether the Vercel GitHub App cannot see repositories of `owner`.
    func lacksGitHubApp(owner: String) -> Bool {
        missingGitHubApp.map { $0.lowercased() == owner.lowercased() } ?? false
    }

    /// Whether the token may not create repositories in `owner` (compared without case, as GitHub logins are).
    func isReadOnly(owner: String) -> Bool {
        readOnlyOwner.map { $0.lowercased() == owner.lowercased() } ?? false
    }
}

/// `contentCreationLimit`: `{"perMinute": N, "perHour": M}`, GitHub's documented "in general" limits being 80 and
/// 500 (providers.md §6.1). Calls are counted in sliding windows of 60 s and 3600 s, refused ones included (GitHub
/// counts what it receives).
struct ContentCreationLimit: Sendable, Equatable {
    let perMinute: Int
    let perHour: Int

    init(perMinute: Int, perHour: Int) {
        self.perMinute = perMinute
        self.perHour = perHour
    }

    /// Reads the limit from its JSON; nil unless both members are positive integers.
    init?(_ value: JSONValue) {
        guard let members = value.objectValue, Set(members.keys) == ["perMinute", "perHour"],
              let perMinute = members["perMinute"]?.intValue, let perHour = members["perHour"]?.intValue,
              perMinute > 0, perHour > 0
        else { return nil }
        self.perMinute = perMinute
        self.perHour = perHour
    }

    var json: JSONValue { .object(["perMinute": .int(perMinute), "perHour": .int(perHour)]) }
}

/// `secondaryRateLimit`: `{"count": N, "retryAfter": SECONDS or null}`.
struct SecondaryRateLimitFault: Sendable, Equatable {
    /// How many more content-creating calls are refused; the fault clears itself when this reaches 0.
    var remaining: Int
    /// The `retry-after` header in seconds; nil sends none (GitHub says it "might be present").
    let retryAfter: Int?

    /// Reads the fault from its JSON; nil when it is not `{"count": positive integer, "retryAfter"?: integer ≥ 0
    /// or null}`.
    init?(_ value: JSONValue) {
        guard let members = value.objectValue,
            members.keys.allSatisfy(["count", "retryAfter"].contains),
            let count = members["count"]?.intValue, count > 0
        else { return nil }
        switch members["retryAfter"] {
        case nil, .null?: retryAfter = nil
        case let seconds?:
            guard let whole = seconds.intValue, (0...86_400).contains(whole) else { return nil }
            retryAfter = whole
        }
        remaining = count
    }

    /// As `GET /sandbox/faults` shows it.
    var json: JSONValue {
        ["count": .int(remaining), "retryAfter": retryAfter.map(JSONValue.int) ?? .null]
    }
}

/// `aliasError`: `{"project": NAME, "code": CODE}`.
struct AliasErrorFault: Sendable, Equatable {
    /// The Vercel project (name or id) whose next deployment fails to get its alias.
    let project: String
    /// The `aliasError.code` to report, e.g. `cert_missing`.
    let code: String

    /// Reads the fault from its JSON; nil when it is not `{"project": non-empty string, "code": non-empty string}`.
    init?(_ value: JSONValue) {
        guard let members = value.objectValue, members.count == 2,
            let project = members["project"]?.stringValue, !project.isEmpty,
            let code = members["code"]?.stringValue, !code.isEmpty
        else { return nil }
        self.project = project
        self.code = code
    }

    /// As `GET /sandbox/faults` shows it.
    var json: JSONValue {
        ["project": .string(project), "code": .string(code)]
    }
}
