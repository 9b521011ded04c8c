/// The operations on the token's own user: `GET /v2/user` and `GET /v2/teams`.
///
/// A token issued through the sandbox's "Sign in with Vercel" app answers for its user (`alice`, `bob`); any other
/// accepted token for the operator's shared personal account.
enum VercelUserHandlers {
    /// `GET /v2/user`: the token's user (the `AuthUser` shape, providers.md §2.4).
    static func user(_ state: inout SandboxState, _ call: ProviderCall) -> ProviderReply {
        let createdAt = state.github.repositories.first.map { VercelTimestamp.json($0.createdAt) } ?? 0
        let caller = call.caller ?? .operator
        var (email, name): (String, String) = ("baton-sandbox-user@example.com", "Baton Sandbox User")
        if case .vercelUser(let user) = caller { (email, name) = (user.email, user.name) }
        let user: JSONValue = [
            "id": .string(caller.vercelAccountID), "username": .string(caller.vercelUsername),
            "email": .string(email), "name": .string(name), "avatar": nil,
            "defaultTeamId": nil, "createdAt": createdAt, "softBlock": nil, "billing": nil,
            "resourceConfig": ["concurrentBuilds": 1], "stagingPrefix": .string(caller.vercelUsername),
            "hasTrialAvailable": false,
        ]
        return ProviderReply(status: 200, body: ["user": user])
    }

    /// `GET /v2/teams`: the teams the token's user belongs to (none for the operator, whose teams need no
    /// creation), with Vercel's `pagination`.
    static func teams(_ state: inout SandboxState, _ call: ProviderCall) -> ProviderReply {
        let createdAt = state.github.repositories.first.map { VercelTimestamp.json($0.createdAt) } ?? 0
        guard case .vercelUser(let user) = call.caller ?? .operator else {
            return ProviderReply(status: 200, body: ["teams": [], "pagination": pagination(count: 0)])
        }
        let teams = user.teams.map { team -> JSONValue in
            [
                "id": .string(team.id), "slug": .string(team.slug), "name": .string(team.name), "avatar": nil,
                "createdAt": createdAt, "creatorId": .string(user.id),
                "membership": [
                    "role": "OWNER", "confirmed": true, "accessRequestedAt": nil, "createdAt": createdAt,
                    "teamId": .string(team.id), "uid": .string(user.id),
                ],
            ]
        }
        return ProviderReply(status: 200, body: ["teams": .array(teams), "pagination": pagination(count: teams.count)])
    }

    private static func pagination(count: Int) -> JSONValue {
        ["count": .int(count), "next": nil, "prev": nil]
    }
}
