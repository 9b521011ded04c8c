/// The Vercel operations the sandbox imitates, with the path templates of Vercel's OpenAPI description.
enum VercelRoutes {
    /// Every imitated Vercel operation.
    static let all: [ProviderRoute] = [
        ProviderRoute("GET", "/v2/user", handle: VercelUserHandlers.user),
        ProviderRoute("GET", "/v2/teams", handle: VercelUserHandlers.teams),
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
}
