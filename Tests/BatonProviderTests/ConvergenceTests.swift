import BatonCore
import BatonTestSupport
import Foundation
import Testing

@Suite("Actions converge")
struct ConvergenceTests {
    @Test func twentyConcurrentTriggersOfEachActionCreateEachResourceOnce() async throws {
        try await SandboxedServers.run { servers in
            let client = servers.client
            let (_, workflow) = try await client.initialize(apps: ["app-a", "app-c"], domain: "example.com", envVars: EndToEndTests.envVars)
            let maxActions = workflow.apps.map(\.actions.count).max() ?? 0
            for step in 0..<maxActions {
                let targets = workflow.apps.compactMap { app in app.actions.indices.contains(step) ? (app.id, app.actions[step].id) : nil }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for (app, action) in targets {
                        for _ in 0..<20 {
                            group.addTask {
                                let reply = try await client.trigger(workflow, app, action)
                                #expect(reply.status == 200 || reply.status == 202, "\(app)/\(action): \(reply.text)")
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                for (app, action) in targets {
                    var status = try await client.status(workflow, app, action, waitMs: 5000).decode(ActionStatus.self)
                    while status.state == .running {
                        status = try await client.status(workflow, app, action, waitMs: 5000).decode(ActionStatus.self)
                    }
                    #expect(status.state == .succeeded, "\(app)/\(action): \(status.message)")
                    #expect(status.attempt == 1)
                }
            }
            // Triggering again after success starts nothing.
            for app in workflow.apps {
                for action in app.actions {
                    let reply = try await client.trigger(workflow, app.id, action.id)
                    #expect(reply.status == 200 && reply["state"] == "succeeded")
                }
            }
            let state = try await servers.sandboxState()
            #expect(state.calls("POST /repos/{owner}/{repo}/forks") == 1)
            #expect(state.calls("POST /repos/{template_owner}/{template_repo}/generate") == 1)
            #expect(state.calls("POST /v11/projects") == 2)
            #expect(state.calls("POST /v13/deployments") == 2)
            #expect(state.calls("POST /v10/projects/{idOrName}/domains") == 2)
            #expect(state.calls("POST /v10/projects/{idOrName}/env") == 1)
            try SandboxExpectations.exactlyOneOfEach(state, apps: ["app-a", "app-c"], owner: "acme", domain: "example.com")
        }
    }

    @Test func aBuildErrorFailsDeployAndATriggerAfterTheFixSucceeds() async throws {
        try await SandboxedServers.run { servers in
            let client = servers.client
            let (_, workflow) = try await client.initialize(apps: ["app-b"], domain: nil, envVars: "{}")
            try await servers.setFaults(#"{"failDeployment":"acme-app-b"}"#)
            let first = try await WorkflowDriver(client: client).drive(workflow)
            let failed = try #require(first.first?.statuses.last)
            #expect(failed.action == "deploy" && failed.state == .failed)
            let error = try #require(failed.error)
            #expect(error.message.contains("ERROR"))
            #expect(error.code != "provider_error")
            try await servers.setFaults("{}")
            let retried = try await WorkflowDriver(client: client).drive(workflow)
            #expect(retried.first?.statuses.allSatisfy { $0.state == .succeeded } == true)
            let deploy = try #require(retried.first?.statuses.last)
            #expect(deploy.attempt == 2)
            let state = try await servers.sandboxState()
            let project = try #require(state.projects.first)
            let production = state.productionDeployments(of: project.id)
            #expect(production.filter { $0.readyState == "READY" }.count == 1)
            #expect(production.filter { $0.readyState == "ERROR" }.count == 1)
        }
    }

    @Test func aBadTokenFailsForGoodNamingTheToken() async throws {
        try await SandboxedServers.run(githubToken: "invalid") { servers in
            let (_, workflow) = try await servers.client.initialize(apps: ["app-b"], domain: nil, envVars: "{}")
            let reply = try await servers.client.trigger(workflow, "app-b", "fork-repository")
            let status = try reply.decode(ActionStatus.self)
            #expect(status.state == .failed)
            #expect(status.error?.retryable == false)
            #expect(status.error?.code == "bad_credentials")
            #expect(status.error?.message.contains("GITHUB_TOKEN") == true)
            #expect(!status.error!.message.contains("invalid"), "the token itself is never shown")
        }
    }

    @Test func rejectedVercelTokensFailNamingVercelsToken() async throws {
        try await SandboxedServers.run { servers in
            let client = servers.client
            let (_, workflow) = try await client.initialize(apps: ["app-b"], domain: nil, envVars: "{}")
            var fork = try await client.trigger(workflow, "app-b", "fork-repository").decode(ActionStatus.self)
            while fork.state == .running {
                fork = try await client.status(workflow, "app-b", "fork-repository", waitMs: 5000).decode(ActionStatus.self)
            }
            #expect(fork.state == .succeeded)
            try await servers.setFaults(#"{"rejectTokens":true}"#)
            let status = try await client.trigger(workflow, "app-b", "create-project").decode(ActionStatus.self)
            #expect(status.state == .failed && status.error?.code == "bad_credentials" && status.error?.retryable == false)
            #expect(status.error?.message.contains("VERCEL_TOKEN") == true)
        }
    }

    @Test func aMissingGitHubAppFailsCreateProjectWithAClearMessage() async throws {
        try await SandboxedServers.run { servers in
            try await servers.setFaults(#"{"missingGitHubApp":"acme"}"#)
            let (_, workflow) = try await servers.client.initialize(apps: ["app-b"], domain: nil, envVars: "{}")
            let results = try await WorkflowDriver(client: servers.client).drive(workflow)
            let failed = try #require(results.first?.statuses.last)
            #expect(failed.action == "create-project" && failed.state == .failed)
            #expect(failed.error?.code == "github_app_missing" && failed.error?.retryable == false)
            #expect(failed.error?.message.contains("Vercel said:") == true)
            #expect(failed.error?.fix?.contains("https://github.com/apps/vercel") == true)
        }
    }
}
