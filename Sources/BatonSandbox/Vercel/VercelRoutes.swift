/// The Vercel operations the sandbox imitates, with the path templates of Vercel's OpenAPI description.
enum VercelRoutes {
    /// Every imitated Vercel operation.
    static let all: [ProviderRoute] = [
        ProviderRoute("GET", "/v2/user", handle: user),
        ProviderRoute("POST", "/v11/projects", handle: VercelProjectHandlers.create),
        ProviderRoute("GET", "/v9/projects/{idOrName}", handle: VercelProjectHandlers.get),
        ProviderRoute("POST", "/v10/projects/{idOrName}/env", handle: VercelEnvironmentHandlers.create),
        ProviderRoute("GET", "/v10/projects/{idOrName}/env", handle: VercelEnvironmentHandlers.list),
        ProviderRoute("POST", "/v13/deployments", handle: VercelDeploymentHandlers.create),
        ProviderRoute("GET", "/v13/deployments/{idOrUrl}", handle: VercelDeploymentHandlers.get),
        ProviderRoute("PATCH", "/v12/deployments/{id}/cancel", handle: VercelDeploymentHandlers.cancel),
        ProviderRoute("GET", "/v6/deployments", handle: VercelDeploymentListHandler.list),
        ProviderRoute("POST", "/v10/projects/{idOrName}/domains", handle: VercelDomainHandlers.add),
        ProviderRoute("GET", "/v9/projects/{idOrName}/domains/{domain}", handle: VercelDomainHandlers.get),
        ProviderRoute("POST", "/v9/projects/{idOrName}/domains/{domain}/verify", handle: VercelDomainHandlers.verify),
        ProviderRoute("GET", "/v6/domains/{domain}/config", handle: VercelDomainHandlers.config),
    ]

    /// `GET /v2/user`: the authenticated user.
    static func user(_ state: inout SandboxState, _ call: ProviderCall) -> ProviderReply {
        let createdAt = state.github.repositories.first.map { VercelTimestamp.json($0.createdAt) } ?? 0
        let user: JSONValue = [
            "id": .string(VercelScope.personalAccountID), "username": .string(VercelScope.personalUsername),
            "email": "baton-sandbox-user@example.com", "name": "Baton Sandbox User", "avatar": nil,
            "defaultTeamId": nil, "createdAt": createdAt, "softBlock": nil, "billing": nil,
            "resourceConfig": ["concurrentBuilds": 1], "stagingPrefix": "baton-sandbox-user",
            "hasTrialAvailable": false,
        ]
        return ProviderReply(status: 200, body: ["user": user])
    }
}
