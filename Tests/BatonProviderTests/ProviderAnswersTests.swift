import BatonCore
import BatonSandbox
import BatonTestSupport
import Foundation
import Testing

/// Every provider answer Baton meets reads right (code, the provider's message, `retryable`, `fix`), through the real
/// clients against the sandbox's faults.
@Suite("Provider answers read right")
struct ProviderAnswersTests {
    /// A catalog with the built-in apps plus two generate-mode apps on one template and one generating from a fork.
    static let catalog: Catalog = {
        var catalog = Catalog.builtIn
        catalog.apps += [
            AppSpec(id: "shop", name: "Shop", template: "baton-templates/app-c", repository: .generate, framework: nil, env: [], subdomain: "shop"),
            AppSpec(id: "blog", name: "Blog", template: "baton-templates/app-c", repository: .generate, framework: nil, env: [], subdomain: "blog"),
            AppSpec(id: "copy", name: "Copy", template: "acme/app-b", repository: .generate, framework: nil, env: [], subdomain: "copy"),
        ]
        return catalog
    }()

    @Test func readyWithAnAliasErrorFailsDeployAndARetryReleasesANewDeployment() async throws {
        try await SandboxedServers.run { servers in
            let (_, workflow) = try await servers.client.initialize(apps: ["app-b"], domain: nil, envVars: "{}")
            for action in ["fork-repository", "create-project"] {
                #expect(try await ActionsEndTests.finish(action, of: "app-b", workflow, servers.client).state == .succeeded)
            }
            try await servers.setFaults(#"{"aliasError": {"project": "acme-app-b", "code": "cert_missing"}}"#)
            let deploy = try await ActionsEndTests.finish("deploy", of: "app-b", workflow, servers.client)
            let error = try #require(deploy.error)
            #expect(deploy.state == .failed && error.code == "alias_failed" && error.retryable)
            #expect(error.message.contains("(cert_missing)") && error.message.contains("is ready at https://"), "\(error.message)")
            #expect(error.fix?.contains("TLS certificate") == true)
            #expect(deploy.progress?["readyState"] == "READY")

            let retried = try await ActionsEndTests.finish("deploy", of: "app-b", workflow, servers.client)
            #expect(retried.state == .succeeded && retried.attempt == 2)
            let state = try await servers.sandboxState()
            #expect(state.deployments.count == 2, "the retry made a new deployment instead of following the broken release")
            #expect(state.createdRepositories.count == 1)
        }
    }

    @Test func generatingFromARepositoryThatIsNotATemplateSaysHowToFixIt() async throws {
        try await SandboxedServers.run(catalog: Self.catalog) { servers in
            let (_, first) = try await servers.client.initialize(apps: ["app-b"], domain: nil, envVars: "{}")
            #expect(try await ActionsEndTests.finish("fork-repository", of: "app-b", first, servers.client).state == .succeeded)
            let (_, second) = try await servers.client.initialize(apps: ["copy"], domain: nil, envVars: "{}")
            let status = try await ActionsEndTests.finish("fork-repository", of: "copy", second, servers.client)
            let error = try #require(status.error)
            #expect(status.state == .failed && error.code == "not_a_template" && !error.retryable)
            #expect(error.message.contains("GitHub said: Could not clone: acme/app-b is not a template repository."), "\(error.message)")
            #expect(error.fix?.contains("Template repository") == true && error.fix?.contains("repository: fork") == true)
            #expect(try await servers.sandboxState().createdRepositories.map(\.fullName) == ["acme/app-b"])
        }
    }

    @Test func aTokenThatCannotCreateRepositoriesInTheOwnerNamesTheOwnerAndThePermission() async throws {
        try await SandboxedServers.run { servers in
            try await servers.setFaults(#"{"readOnlyOwner": "acme"}"#)
            let (_, workflow) = try await servers.client.initialize(apps: ["app-b", "app-c"], domain: nil, envVars: "{}")
            let fork = try await ActionsEndTests.finish("fork-repository", of: "app-b", workflow, servers.client)
            let error = try #require(fork.error)
            #expect(fork.state == .failed && error.code == "permission_denied" && !error.retryable)
            #expect(error.message.contains("acme/app-b") && error.message.contains("Resource not accessible by personal access token"))
            #expect(error.fix?.contains("administration=write, contents=read") == true && error.fix?.contains("on acme") == true)
            let generate = try await ActionsEndTests.finish("fork-repository", of: "app-c", workflow, servers.client)
            #expect(generate.error?.code == "permission_denied" && generate.error?.fix?.contains("administration=write") == true)
            #expect(try await servers.sandboxState().createdRepositories.isEmpty)
        }
    }

    @Test func secondaryRateLimitsWaitAMinuteOrTheirRetryAfterAndCreateOneRepository() async throws {
        let clock = ManualClock()
        try await SandboxedServers.run(sandbox: SandboxConfiguration(forkSeconds: 0), engineClock: clock) { servers in
            try await servers.setFaults(#"{"secondaryRateLimit": {"count": 2, "retryAfter": null}}"#)
            let (_, workflow) = try await servers.client.initialize(apps: ["app-b", "app-c"], domain: nil, envVars: "{}")
            let limited = try await servers.client.trigger(workflow, "app-b", "fork-repository").decode(ActionStatus.self)
            #expect(limited.state == .running && limited.message.contains("secondary rate limit") && limited.message.contains("in 1 min"))
            clock.advance(by: 59)
            _ = try await servers.client.status(workflow, "app-b", "fork-repository")
            #expect(try await servers.sandboxState().calls("POST /repos/{owner}/{repo}/forks") == 1, "no call before the minute")
            clock.advance(by: 1)
            let again = try await servers.client.status(workflow, "app-b", "fork-repository").decode(ActionStatus.self)
            #expect(again.state == .running && again.attempt == 1 && again.message.contains("retry 2 of 9 in 1 min"))
            clock.advance(by: 60)
            let done = try await servers.client.status(workflow, "app-b", "fork-repository").decode(ActionStatus.self)
            #expect(done.state == .succeeded, "\(done.message)")

            try await servers.setFaults(#"{"secondaryRateLimit": {"count": 1, "retryAfter": 7}}"#)
            let told = try await servers.client.trigger(workflow, "app-c", "fork-repository").decode(ActionStatus.self)
            #expect(told.message.contains("in 7 s"), "retry-after wins: \(told.message)")
            clock.advance(by: 7)
            #expect(try await servers.client.status(workflow, "app-c", "fork-repository").decode(ActionStatus.self).state == .succeeded)
            let state = try await servers.sandboxState()
            #expect(state.calls("POST /repos/{owner}/{repo}/forks") == 3 && state.calls("POST /repos/{template_owner}/{template_repo}/generate") == 2)
            #expect(state.createdRepositories.map(\.fullName).sorted() == ["acme/app-b", "acme/app-c"])
        }
    }

    @Test func anEnvVariableWithOtherTargetsIsAConflictToResolveNotToRetry() async throws {
        try await SandboxedServers.run { servers in
            let (_, workflow) = try await servers.client.initialize(envVars: EndToEndTests.envVars)
            for action in ["fork-repository", "create-project"] {
                #expect(try await ActionsEndTests.finish(action, of: "app-a", workflow, servers.client).state == .succeeded)
            }
            let project = try await servers.sandboxState().projects.first { $0.name == "acme-app-a" }
            let projectID = try #require(project?.id)
            let existing = try await servers.providerCall(
                "/vercel/v10/projects/\(projectID)/env?upsert=true",
                json: #"[{"key":"DATABASE_URL","value":"postgres://old","type":"encrypted","target":["production"]}]"#
            )
            #expect(existing.status == 201)
            let env = try await ActionsEndTests.finish("configure-env", of: "app-a", workflow, servers.client)
            let error = try #require(env.error)
            #expect(env.state == .failed && error.code == "env_conflict" && !error.retryable)
            #expect(error.message.contains("DATABASE_URL"), "Vercel's message names the variable: \(error.message)")
            #expect(error.fix?.contains("remove or rename the variable") == true)
        }
    }

    @Test func anOldForkOfTheTemplateUnderAnotherNameIsNotAdopted() async throws {
        try await SandboxedServers.run { servers in
            let old = try await servers.providerCall(
                "/github/repos/baton-templates/app-b/forks", json: #"{"organization":"acme","name":"my-old-fork"}"#
            )
            #expect(old.status == 202)
            let (_, workflow) = try await servers.client.initialize(apps: ["app-b"], domain: nil, envVars: "{}")
            let fork = try await ActionsEndTests.finish("fork-repository", of: "app-b", workflow, servers.client)
            let error = try #require(fork.error)
            #expect(fork.state == .failed && error.code == "existing_fork" && !error.retryable)
            #expect(error.message.contains("acme/my-old-fork") && error.message.contains("not acme/app-b"))
            #expect(error.fix?.contains("repository: generate") == true && error.fix?.contains("another owner") == true)
            #expect(try await servers.sandboxState().createdRepositories.map(\.fullName) == ["acme/my-old-fork"])
        }
    }

    @Test func eachAppGetsItsOwnRepositoryAndARedeployAdoptsIt() async throws {
        try await SandboxedServers.run(catalog: Self.catalog) { servers in
            for _ in 0..<2 {
                let (_, workflow) = try await servers.client.initialize(apps: ["app-b", "shop", "blog"], domain: nil, envVars: "{}")
                for app in ["app-b", "shop", "blog"] {
                    let status = try await ActionsEndTests.finish("fork-repository", of: app, workflow, servers.client)
                    #expect(status.state == .succeeded && status.outputs["fullName"] == .string("acme/\(app)"), "\(status.message)")
                }
            }
            let state = try await servers.sandboxState()
            #expect(state.createdRepositories.map(\.fullName).sorted() == ["acme/app-b", "acme/blog", "acme/shop"])
            #expect(state.calls("POST /repos/{owner}/{repo}/forks") == 1, "the second workflow adopted the fork")
            #expect(state.calls("POST /repos/{template_owner}/{template_repo}/generate") == 2)
        }
    }
}
