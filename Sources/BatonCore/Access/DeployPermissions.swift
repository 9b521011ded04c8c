/// Whether a principal may deploy a workflow's config: into its GitHub owner and its Vercel team.
public enum DeployPermissions {
    /// Checks `config` against what `principal` is allowed.
    /// - Throws: 403 `owner_not_allowed` (field `config.github.owner`) or `team_not_allowed` (field
    ///   `config.vercel.teamId`), naming what is allowed; owners are compared without case, as GitHub logins are.
    public static func check(_ config: WorkflowConfig, for principal: Principal) throws(APIError) {
        if let owners = principal.allowedOwners,
           !owners.contains(where: { $0.lowercased() == config.github.owner.lowercased() }) {
            throw APIError(
                .ownerNotAllowed,
                "\(principal.id) may not deploy into the GitHub owner '\(config.github.owner)'; allowed: \(describe(owners)).",
                details: [FieldIssue(path: "config.github.owner", message: "is not an owner this credential may deploy into")]
            )
        }
        if let teams = principal.allowedTeams {
            let team = config.vercel?.teamID
            guard let team, teams.contains(team) else {
                throw APIError(
                    .teamNotAllowed,
                    team.map { "\(principal.id) may not deploy into the Vercel team '\($0)'; allowed: \(describe(teams))." }
                        ?? "\(principal.id) must deploy into one of its Vercel teams: \(describe(teams)).",
                    details: [FieldIssue(
                        path: "config.vercel.teamId",
                        message: team == nil ? "is required for this credential" : "is not a team this credential may deploy into"
                    )]
                )
            }
        }
    }

    private static func describe(_ names: [String]) -> String {
        names.isEmpty ? "none" : names.sorted().joined(separator: ", ")
    }
}
