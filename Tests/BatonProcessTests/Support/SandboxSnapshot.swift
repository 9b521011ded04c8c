import BatonCore
import Foundation
import Testing

/// `GET /sandbox/state` of a sandbox process, as these tests read it.
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

    /// Repositories made for workflows (the seeded templates excluded).
    var createdRepositories: [Repository] {
        repositories.filter { !$0.fullName.hasPrefix("baton-templates/") }
    }

    /// How many calls a route (`METHOD /template`) received.
    func calls(_ route: String) -> Int { calls[route] ?? 0 }

    /// Every provider call, all routes together.
    var totalCalls: Int { calls.values.reduce(0, +) }

    /// Checks what a finished workflow must leave behind: exactly one repository, project, READY production
    /// deployment and domain per app, and each env key set once on its app's project.
    /// - Parameter label: names the trial in failure messages.
    func expectExactlyOneOfEach(apps: [String], owner: String, domain: String, envKeys: [String: [String]], label: String) {
        #expect(createdRepositories.count == apps.count, "\(label): repositories \(createdRepositories.map(\.fullName))")
        #expect(Set(createdRepositories.map(\.fullName)) == Set(apps.map { "\(owner)/\($0)" }), "\(label)")
        #expect(projects.count == apps.count, "\(label): projects \(projects.map(\.name))")
        for project in projects {
            let production = deployments.filter { $0.projectId == project.id && $0.target == "production" }
            #expect(
                production.filter { $0.readyState == "READY" }.count == 1,
                "\(label): \(project.name) production deployments \(production.map(\.readyState))")
            #expect(production.count == 1, "\(label): \(project.name) has \(production.count) production deployments")
        }
        let expectedDomains = apps.compactMap { Catalog.builtIn.app($0)?.subdomain }.map { "\($0).\(domain)" }
        #expect(Set(domains.map(\.name)) == Set(expectedDomains), "\(label): domains \(domains.map(\.name))")
        #expect(domains.count == apps.count, "\(label): \(domains.count) domains")
        for (app, keys) in envKeys {
            let project = projects.first { $0.repo == "\(owner)/\(app)" }
            let set = envVars.filter { $0.projectId == project?.id }.map(\.key)
            #expect(set.sorted() == keys.sorted(), "\(label): env keys of \(app) are \(set)")
        }
    }
}
