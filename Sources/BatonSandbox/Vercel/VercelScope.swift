/// The Vercel account a request acts in: the personal account, or a team named by `?teamId=` or `?slug=`.
///
/// Teams need no creation: `teamId=team_acme` and `slug=acme` name the same team.
struct VercelScope: Hashable, Sendable {
    /// The id of the authenticated Vercel user (the personal account).
    static let personalAccountID = "SbxUser00000000000000001"
    /// The username of the authenticated Vercel user.
    static let personalUsername = "baton-sandbox-user"

    /// `accountId` / `ownerId` in Vercel's JSON.
    let accountID: String
    /// The slug used in deployment hostnames and dashboard URLs.
    let slug: String
    /// Whether this is a team rather than the personal account.
    let isTeam: Bool

    /// The scope named by the request's query.
    init(query: [String: String]) {
        if let teamID = query["teamId"], !teamID.isEmpty {
            accountID = teamID
            slug = teamID.hasPrefix("team_") ? String(teamID.dropFirst(5)).lowercased() : teamID.lowercased()
            isTeam = true
        } else if let slug = query["slug"], !slug.isEmpty {
            accountID = "team_" + slug
            self.slug = slug.lowercased()
            isTeam = true
        } else {
            accountID = Self.personalAccountID
            slug = Self.personalUsername
            isTeam = false
        }
    }
}
