import AsyncHTTPClient
import BatonCore
import BatonProviders
import BatonSandbox
import BatonTestSupport
import Foundation
import Testing

/// The real Vercel client against the sandbox: every call Baton makes, and its failures.
@Suite("Vercel client contract")
struct VercelClientContractTests {
    /// Forks `app-a` into `acme` and waits until it has content.
    private func readyFork(_ servers: SandboxedServers) async throws -> GitHubRepository {
        let github = servers.providers.github
        let fork = try #require(try await github.fork(owner: "baton-templates", name: "app-a", into: "acme"))
        while try await github.branchState(owner: "acme", name: fork.name, branch: fork.defaultBranch) == .empty {
            try await Task.sleep(for: .milliseconds(100))
        }
        return fork
    }

    @Test func projectsAreCreatedFoundAndNotDuplicated() async throws {
        try await SandboxedServers.run { servers in
            let vercel = servers.providers.vercel
            let fork = try await readyFork(servers)
            #expect(try await vercel.project("acme-app-a", teamID: "team_1") == nil)
            guard case .created(let project) = try await vercel.createProject(name: "acme-app-a", framework: "nextjs", repository: fork.fullName, teamID: "team_1") else {
                Issue.record("the project should be created")
                return
            }
            #expect(project.isLinked(to: "acme/app-a") && project.link?.repoID == fork.id)
            #expect(try await vercel.project("acme-app-a", teamID: "team_1")?.id == project.id)
            #expect(try await vercel.project(project.id, teamID: "team_1")?.name == "acme-app-a")
            guard case .nameTaken = try await vercel.createProject(name: "acme-app-a", framework: nil, repository: fork.fullName, teamID: "team_1") else {
                Issue.record("a second project of that name should be refused")
                return
            }
            #expect(try await vercel.project("acme-app-a", teamID: nil) == nil, "projects are scoped to their team")
        }
    }

    @Test func aMissingGitHubAppIsReported() async throws {
        try await SandboxedServers.run { servers in
            let fork = try await readyFork(servers)
            try await servers.setFaults(#"{"missingGitHubApp":"acme"}"#)
            guard case .repositoryNotAccessible(let message) = try await servers.providers.vercel.createProject(
                name: "acme-app-a", framework: nil, repository: fork.fullName, teamID: nil
            ) else {
                Issue.record("the missing GitHub App should be reported")
                return
            }
            #expect(message.contains("GitHub"))
        }
    }

    @Test func envVarsAreUpserted() async throws {
        try await SandboxedServers.run { servers in
            let vercel = servers.providers.vercel
            let fork = try await readyFork(servers)
            guard case .created(let project) = try await vercel.createProject(name: "acme-app-a", framework: nil, repository: fork.fullName, teamID: nil) else { return }
            #expect(try await vercel.upsertEnv(projectID: project.id, values: ["A": "1", "B": "2"], teamID: nil).isEmpty)
            #expect(try await vercel.upsertEnv(projectID: project.id, values: ["A": "3"], teamID: nil).isEmpty, "upsert updates an existing key")
            let keys = try await servers.sandboxState().envVars.map(\.key).sorted()
            #expect(keys == ["A", "B"])
        }
    }

    @Test func deploymentsWaitForTheRepositoryRunToReadyAndAreFoundByMeta() async throws {
        let clock = ManualSandboxClock()
        try await SandboxedServers.run(sandbox: SandboxConfiguration(forkSeconds: 5, buildSeconds: 10), clock: clock) { servers in
            let vercel = servers.providers.vercel
            let github = servers.providers.github
            let fork = try #require(try await github.fork(owner: "baton-templates", name: "app-a", into: "acme"))
            guard case .created(let project) = try await vercel.createProject(name: "acme-app-a", framework: nil, repository: fork.fullName, teamID: nil) else { return }
            let meta = ["batonWorkflowId": "wf_1", "batonApp": "app-a"]
            guard case .gitSourceNotReady = try await vercel.createProductionDeployment(
                projectName: project.name, projectID: project.id, repositoryID: fork.id, ref: "main", meta: meta, teamID: nil
            ) else {
                Issue.record("an empty fork cannot be deployed yet")
                return
            }
            clock.advance(by: 5)
            guard case .created(let deployment) = try await vercel.createProductionDeployment(
                projectName: project.name, projectID: project.id, repositoryID: fork.id, ref: "main", meta: meta, teamID: nil
            ) else {
                Issue.record("the deployment should be created")
                return
            }
            #expect(deployment.readyState == "QUEUED" && deployment.aliasAssigned != true && !deployment.url.hasPrefix("http"))
            #expect(try await vercel.productionDeployments(projectID: project.id, meta: meta, teamID: nil).map(\.id) == [deployment.id])
            #expect(try await vercel.productionDeployments(projectID: project.id, meta: ["batonWorkflowId": "wf_2"], teamID: nil).isEmpty)
            var seen: [String] = []
            var current = deployment
            while !(current.readyState == "READY" && current.aliasAssigned == true) {
                if seen.last != current.readyState { seen.append(current.readyState ?? "?") }
                clock.advance(by: 0.5)
                current = try await vercel.deployment(deployment.id, teamID: nil)
            }
            #expect(seen == ["QUEUED", "INITIALIZING", "BUILDING", "READY"])
            #expect(current.alias?.isEmpty == false)
        }
    }

    @Test func domainsAreAddedAdoptedAndConfigured() async throws {
        try await SandboxedServers.run { servers in
            let vercel = servers.providers.vercel
            let fork = try await readyFork(servers)
            guard case .created(let project) = try await vercel.createProject(name: "acme-app-a", framework: nil, repository: fork.fullName, teamID: nil),
                  case .created(let other) = try await vercel.createProject(name: "acme-other", framework: nil, repository: fork.fullName, teamID: nil)
            else {
                Issue.record("projects should be created")
                return
            }
            #expect(try await vercel.projectDomain("a.example.com", projectID: project.id, teamID: nil) == nil)
            guard case .added(let added) = try await vercel.addDomain("a.example.com", projectID: project.id, teamID: nil) else {
                Issue.record("the domain should be added")
                return
            }
            #expect(added.name == "a.example.com" && added.apexName == "example.com")
            guard case .alreadyOnProject = try await vercel.addDomain("a.example.com", projectID: project.id, teamID: nil) else {
                Issue.record("adding it again should say it is there")
                return
            }
            guard case .inUseElsewhere = try await vercel.addDomain("a.example.com", projectID: other.id, teamID: nil) else {
                Issue.record("another project cannot take it")
                return
            }
            let config = try await vercel.domainConfig("a.example.com", projectID: project.id, teamID: nil)
            #expect(config.misconfigured)
            let records = DNSRecords.records(for: added, config: config)
            #expect(records.first == DNSRecord(type: "CNAME", name: "a", value: config.recommendedCNAME.min { $0.rank < $1.rank }!.value))
            _ = try await servers.client.post(servers.sandboxURL + "/dns", json: #"{"name":"a.example.com"}"#, absolute: true)
            #expect(try await vercel.domainConfig("a.example.com", projectID: project.id, teamID: nil).misconfigured == false)
        }
    }

    @Test func badTokensAndRateLimitsAreClassified() async throws {
        try await SandboxedServers.run { servers in
            try await servers.setFaults(#"{"rejectTokens":true}"#)
            do {
                _ = try await servers.providers.vercel.project("x", teamID: nil)
                Issue.record("a rejected token should fail")
            } catch let error as ProviderError {
                guard case .badCredentials(.vercel, _) = error else {
                    Issue.record("expected bad credentials, got \(error)")
                    return
                }
            }
            try await servers.setFaults(#"{"failureRate":1}"#)
            do {
                _ = try await servers.providers.vercel.project("x", teamID: nil)
                Issue.record("every request should fail")
            } catch let error as ProviderError {
                guard case .transient(.vercel, _, _, _) = error else {
                    Issue.record("expected a transient error, got \(error)")
                    return
                }
            }
        }
    }
}
