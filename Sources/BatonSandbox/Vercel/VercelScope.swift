/// The Vercel account a request acts in: the caller's personal account, or a team named by `?teamId=` or `?slug=`.
///
/// Teams need no creation: `teamId=team_acme` and `slug=acme` name the same team. The personal account is the
/// shared one (``personalAccountID``) for the operator's tokens and the user's own account for a token issued
/// through the sandbox's OAuth app, so projects show whose they are in `accountId`.
struct VercelScope: Hashable, Sendable {
    /// The id of the operator's shared personal account (every accepted token not issued through OAuth).
    static let personalAccountID = "SbxUser00000000000000001"
    /// The username of the operator's shared personal account.
    static let personalUsername = "baton-sandbox-user"

    /// `accountId` / `ownerId` in Vercel's JSON.
    let accountID: String
    /// The slug used in deployment hostnames and dashboard URLs.
    let slug: String
    /// Whether this is a team rather than the personal account.
    let isTeam: Bool

    /// The scope named by `call`'s query, else `call`'s caller's personal account.
    init(_ call: ProviderCall) {
        self.init(query: call.query, caller: call.caller ?? .operator)
    }

    /// The scope named by `query`, else `caller`'s personal account.
    init(query: [String: String], caller: SandboxCaller) {
        if let teamID = query["teamId"], !teamID.isEmpty {
            accountID = teamID
            slug = teamID.hasPrefix("team_") ? String(teamID.dropFirst(5)).lowercased() : teamID.lowercased()
            isTeam = true
        } else if let slug = query["slug"], !slug.isEmpty {
            accountID = "team_" + slug
            self.slug = slug.lowercased()
            isTeam = true
        } else {
            accountID = caller.vercelAccountID
            slug = caller.vercelUsername
            isTeam = false
        }
    }
}
