extension SandboxCaller {
    /// The Vercel account id of the caller's personal scope: the signed-in user's, else the shared personal account.
    var vercelAccountID: String {
        if case .vercelUser(let user) = self { return user.id }
        return VercelScope.personalAccountID
    }

    /// The Vercel username of the caller: the signed-in user's, else the shared personal account's.
    var vercelUsername: String {
        if case .vercelUser(let user) = self { return user.username }
        return VercelScope.personalUsername
    }

    /// Whether the caller may act in the team named by `query` (`teamId` or `slug`); true without one. The operator
    /// may act in any team (teams need no creation); a user only in its own teams.
    func mayActInTeam(of query: [String: String]) -> Bool {
        guard case .vercelUser(let user) = self else { return true }
        if let teamID = query["teamId"], !teamID.isEmpty { return user.team(id: teamID) != nil }
        if let slug = query["slug"], !slug.isEmpty { return user.team(slug: slug) != nil }
        return true
    }
}
