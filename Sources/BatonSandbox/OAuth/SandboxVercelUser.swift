/// A Vercel user who can sign in through the sandbox's "Sign in with Vercel" app; the consent page offers one
/// button per user.
///
/// The user's access token acts in the user's own personal account and in the user's teams (providers.md §6.5
/// leaves open how Vercel scopes such a token; the sandbox assumes `teamId`/`slug` as with other tokens).
struct SandboxVercelUser: Sendable, Equatable {
    /// The account id: `accountId`/`ownerId` of what the user creates in the personal scope.
    let id: String
    /// The username, as the consent page's `data-sandbox-user` carries it; also the personal scope's slug.
    let username: String
    /// The e-mail address.
    let email: String
    /// The display name.
    let name: String
    /// The teams the user belongs to.
    let teams: [SandboxVercelTeam]

    /// `alice`: team `team_alicelabs` (`alicelabs`).
    static let alice = SandboxVercelUser(
        id: "SbxUserAlice000000000001", username: "alice", email: "alice@example.com", name: "Alice",
        teams: [SandboxVercelTeam(id: "team_alicelabs", slug: "alicelabs", name: "Alice Labs")])
    /// `bob`: team `team_bobworks` (`bobworks`).
    static let bob = SandboxVercelUser(
        id: "SbxUserBob00000000000002", username: "bob", email: "bob@example.com", name: "Bob",
        teams: [SandboxVercelTeam(id: "team_bobworks", slug: "bobworks", name: "Bob Works")])

    /// Every sandbox Vercel user, in the consent page's order.
    static let all = [alice, bob]

    /// The user `username`.
    static func named(_ username: String) -> SandboxVercelUser? {
        all.first { $0.username == username.lowercased() }
    }

    /// The user's team with id `id`, if the user belongs to it.
    func team(id: String) -> SandboxVercelTeam? {
        teams.first { $0.id == id }
    }

    /// The user's team with slug `slug`, if the user belongs to it.
    func team(slug: String) -> SandboxVercelTeam? {
        teams.first { $0.slug == slug.lowercased() }
    }
}

/// A Vercel team a sandbox user belongs to.
struct SandboxVercelTeam: Sendable, Equatable {
    /// The `team_…` id.
    let id: String
    /// The slug.
    let slug: String
    /// The display name.
    let name: String
}
