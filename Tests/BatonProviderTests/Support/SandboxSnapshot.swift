/// `GET /sandbox/state`, as the tests read it.
struct SandboxSnapshot: Decodable, Sendable {
    struct Repository: Decodable, Sendable {
        var fullName: String
        var fork: Bool
        var ready: Bool
    }

    struct Project: Decodable, Sendable {
        var id: String
        var name: String
        var repo: String?
    }

    struct Deployment: Decodable, Sendable {
        var id: String
        var projectId: String
        var readyState: String
        var target: String?
        var meta: [String: String]?
    }

    struct Domain: Decodable, Sendable {
        var name: String
        var projectId: String
        var verified: Bool
    }

    struct EnvVar: Decodable, Sendable {
        var projectId: String
        var key: String
    }

    var repositories: [Repository]
    var projects: [Project]
    var deployments: [Deployment]
    var domains: [Domain]
    var envVars: [EnvVar]
    var calls: [String: Int]

    /// Repositories made for workflows (the templates excluded).
    var createdRepositories: [Repository] {
        repositories.filter { !$0.fullName.hasPrefix("baton-templates/") }
    }

    /// Production deployments of a project.
    func productionDeployments(of projectID: String) -> [Deployment] {
        deployments.filter { $0.projectId == projectID && $0.target == "production" }
    }

    /// How many calls a route received.
    func calls(_ route: String) -> Int { calls[route] ?? 0 }
}
