import BatonCore
import Foundation

/// `GET /sandbox/state`, as tests read it: what the sandbox's imitation of GitHub and Vercel holds.
public struct SandboxSnapshot: Decodable, Sendable {
    /// A GitHub repository.
    public struct Repository: Decodable, Sendable {
        /// `owner/name`.
        public var fullName: String
        /// Whether it was made as a fork.
        public var fork: Bool
        /// Whether its default branch has a commit yet.
        public var ready: Bool
    }

    /// A Vercel project.
    public struct Project: Decodable, Sendable {
        /// Its id.
        public var id: String
        /// Its name.
        public var name: String
        /// The linked repository's `owner/name`.
        public var repo: String?
    }

    /// A Vercel deployment.
    public struct Deployment: Decodable, Sendable {
        /// Its id.
        public var id: String
        /// Its project's id.
        public var projectID: String
        /// `QUEUED` … `READY` or `ERROR`.
        public var readyState: String
        /// `production` or `nil` (preview).
        public var target: String?
        /// The metadata it was created with.
        public var meta: [String: String]?

        enum CodingKeys: String, CodingKey { case id, projectID = "projectId", readyState, target, meta }
    }

    /// A domain on a Vercel project.
    public struct Domain: Decodable, Sendable {
        /// The domain name.
        public var name: String
        /// Its project's id.
        public var projectID: String
        /// Whether Vercel verified it.
        public var verified: Bool

        enum CodingKeys: String, CodingKey { case name, projectID = "projectId", verified }
    }

    /// An environment variable of a Vercel project (its value is never reported).
    public struct EnvVar: Decodable, Sendable {
        /// Its project's id.
        public var projectID: String
        /// Its key.
        public var key: String

        enum CodingKeys: String, CodingKey { case projectID = "projectId", key }
    }

    /// Every repository, the seeded templates included.
    public var repositories: [Repository]
    /// Every project.
    public var projects: [Project]
    /// Every deployment.
    public var deployments: [Deployment]
    /// Every project domain.
    public var domains: [Domain]
    /// Every env var.
    public var envVars: [EnvVar]
    /// Calls received per route (`METHOD /template`).
    public var calls: [String: Int]
    /// Calls refused by a standing limit, by limit (`contentCreationLimit`).
    public var refusals: [String: Int]?

    /// Decodes the body of `GET /sandbox/state`.
    public static func decode(_ text: String) throws -> SandboxSnapshot {
        try JSONDecoder().decode(SandboxSnapshot.self, from: Data(text.utf8))
    }

    /// Repositories made for workflows (the seeded templates excluded).
    public var createdRepositories: [Repository] {
        repositories.filter { !$0.fullName.hasPrefix("baton-templates/") }
    }

    /// Production deployments of a project.
    public func productionDeployments(of projectID: String) -> [Deployment] {
        deployments.filter { $0.projectID == projectID && $0.target == "production" }
    }

    /// How many calls a route (`METHOD /template`) received.
    public func calls(_ route: String) -> Int { calls[route] ?? 0 }

    /// Every provider call, all routes together.
    public var totalCalls: Int { calls.values.reduce(0, +) }

    /// What is wrong with what a finished workflow left behind, empty when all is as it must be: exactly one
    /// repository, project, READY production deployment and (with `domain`) domain per app, and each env key of
    /// `envKeys` set once on its app's project.
    public func problemsAfterWorkflow(apps: [String], owner: String, domain: String?, envKeys: [String: [String]] = [:]) -> [String] {
        var problems: [String] = []
        if Set(createdRepositories.map(\.fullName)) != Set(apps.map { "\(owner)/\($0)" }) || createdRepositories.count != apps.count {
            problems.append("repositories are \(createdRepositories.map(\.fullName))")
        }
        if projects.count != apps.count { problems.append("projects are \(projects.map(\.name))") }
        for project in projects {
            let production = productionDeployments(of: project.id)
            if production.count != 1 || production.first?.readyState != "READY" {
                problems.append("\(project.name) has production deployments \(production.map(\.readyState))")
            }
        }
        if let domain {
            let expected = apps.compactMap { Catalog.builtIn.app($0)?.subdomain }.map { "\($0).\(domain)" }
            if Set(domains.map(\.name)) != Set(expected) || domains.count != apps.count {
                problems.append("domains are \(domains.map(\.name)), expected \(expected)")
            }
        }
        for (app, keys) in envKeys {
            let project = projects.first { $0.repo == "\(owner)/\(app)" }
            let set = envVars.filter { $0.projectID == project?.id }.map(\.key)
            if set.sorted() != keys.sorted() { problems.append("env keys of \(app) are \(set)") }
        }
        return problems
    }
}
