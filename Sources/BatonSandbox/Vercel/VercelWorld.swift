/// The projects, variables, deployments and domains of the imitated Vercel.
struct VercelWorld: Sendable {
    /// Projects in creation order.
    var projects: [VercelProject] = []
    /// Environment variables in creation order.
    var environmentVariables: [VercelEnvironmentVariable] = []
    /// Deployments in creation order.
    var deployments: [VercelDeployment] = []
    /// Project domains in creation order.
    var domains: [VercelProjectDomain] = []
    /// Domains whose DNS records were "set" through `POST /sandbox/dns`.
    var configuredDomainNames: Set<String> = []

    /// The project `idOrName` in `scope`.
    func project(_ idOrName: String, in scope: VercelScope) -> VercelProject? {
        projects.first { $0.scope == scope && $0.isNamed(idOrName) }
    }

    /// The deployment with id or hostname `idOrURL` in `scope`.
    func deployment(_ idOrURL: String, in scope: VercelScope) -> VercelDeployment? {
        var key = idOrURL
        for scheme in ["https://", "http://"] where key.hasPrefix(scheme) {
            key = String(key.dropFirst(scheme.count))
        }
        return deployments.first { $0.scope == scope && ($0.id == key || $0.url == key) }
    }

    /// Whether any project, in any scope, already uses `alias` as its production alias.
    func isProductionAliasTaken(_ alias: String) -> Bool {
        projects.contains { $0.productionAlias == alias }
    }
}
