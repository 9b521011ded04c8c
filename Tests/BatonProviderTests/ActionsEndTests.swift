import BatonCore
import BatonSandbox
import BatonTestSupport
import Foundation
import Testing

/// Every action ends, against the failures GitHub and Vercel really produce (the sandbox's faults), through the real
/// provider clients and Baton's HTTP API.
@Suite("Every action ends")
struct ActionsEndTests {
    /// Steps of three provider calls each took longer than the budget and were started again from the same place for
    /// ever, re-sending the fork. Scaled from 3 s answers under an 8 s budget to 2 s answers under 6 s: three calls
    /// never fit, and a second call in a request has two seconds to spare. (With 1.2 s answers under 3.6 s, the one
    /// second to spare was not always enough on a loaded CI machine.)
    @Test func stepsLongerThanTheBudgetFinishWithOneCreateCallEach() async throws {
        try await SandboxedServers.run(budget: .seconds(6)) { servers in
            try await servers.setFaults(#"{"responseDelayMs": 2000}"#)
            let (_, workflow) = try await servers.client.initialize(
                apps: ["app-a"], domain: "example.com", envVars: #"{"app-a":{"DATABASE_URL":"postgres://db/app"}}"#
            )
            let results = try await WorkflowDriver(client: servers.client).drive(workflow)
            for result in results {
                #expect(result.statuses.allSatisfy { $0.state == .succeeded }, "\(result.app): \(result.statuses.map(\.message))")
            }
            let state = try await servers.sandboxState()
            #expect(state.calls("POST /repos/{owner}/{repo}/forks") == 1)
            #expect(state.calls("POST /v11/projects") == 1)
            #expect(state.calls("POST /v10/projects/{idOrName}/env") == 1)
            #expect(state.calls("POST /v13/deployments") == 1)
            #expect(state.calls("POST /v10/projects/{idOrName}/domains") == 1)
            try SandboxExpectations.exactlyOneOfEach(state, apps: ["app-a"], owner: "acme", domain: "example.com")
        }
    }

    /// Vercel answers `incorrect_git_source_info` while a fork propagates and when its GitHub App cannot see the
    /// repository: the wait is bounded, and the failure says which and what to do.
    @Test func aMissingVercelGitHubAppEndsDeployWithItsMessageAndTheFix() async throws {
        try await SandboxedServers.run(actionTimeouts: ["deploy.repository": .seconds(2)]) { servers in
            let (_, workflow) = try await servers.client.initialize(apps: ["app-b"], domain: nil, envVars: "{}")
            for action in ["fork-repository", "create-project"] {
                #expect(try await Self.finish(action, of: "app-b", workflow, servers.client).state == .succeeded)
            }
            try await servers.setFaults(#"{"missingGitHubApp":"acme"}"#)
            let deploy = try await Self.finish("deploy", of: "app-b", workflow, servers.client)
            #expect(deploy.state == .failed)
            let error = try #require(deploy.error)
            #expect(error.code == "git_source_unavailable" && !error.retryable)
            #expect(error.message.hasPrefix("Gave up after 2 s (deploy.repository): Vercel still cannot read acme/app-b."))
            #expect(error.message.contains("Vercel said: The provided GitHub repository"), "Vercel's own message: \(error.message)")
            #expect(error.fix?.contains("https://github.com/apps/vercel") == true && error.fix?.contains("acme") == true)
            let state = try await servers.sandboxState()
            #expect((1...2).contains(state.calls("POST /v13/deployments")), "bounded: \(state.calls("POST /v13/deployments"))")
            #expect(state.deployments.isEmpty)
        }
    }

    /// A build stuck in QUEUED, then one stuck in BUILDING, each fail at their phase's bound, by Baton's clock.
    @Test func stuckBuildsFailAtTheirPhasesDeadline() async throws {
        let sandboxClock = ManualSandboxClock()
        let clock = ManualClock()
        let configuration = SandboxConfiguration(forkSeconds: 0, buildSeconds: 100_000)
        try await SandboxedServers.run(
            sandbox: configuration, clock: sandboxClock, actionTimeouts: ["deploy.queue": .seconds(120), "deploy.build": .seconds(60)],
            engineClock: clock
        ) { servers in
            let client = servers.client
            let (_, workflow) = try await client.initialize(apps: ["app-b", "app-c"], domain: nil, envVars: "{}")
            for app in ["app-b", "app-c"] {
                for action in ["fork-repository", "create-project"] {
                    #expect(try await client.trigger(workflow, app, action).decode(ActionStatus.self).state == .succeeded)
                }
            }
            let begin = clock.now()
            let queued = try await client.trigger(workflow, "app-b", "deploy").decode(ActionStatus.self)
            #expect(queued.state == .running && queued.deadlineAt == begin.addingTimeInterval(120))
            #expect(queued.progress?["readyState"] == "QUEUED")
            clock.advance(by: 119)
            #expect(try await client.status(workflow, "app-b", "deploy").decode(ActionStatus.self).state == .running)
            clock.advance(by: 1)
            let stuck = try await client.status(workflow, "app-b", "deploy").decode(ActionStatus.self)
            #expect(stuck.state == .failed && stuck.error?.code == "deadline_exceeded" && stuck.error?.retryable == true)
            #expect(stuck.error?.message == "Gave up after 2 min (deploy.queue): Vercel deployment queued, waiting for a build slot.")
            #expect(stuck.error?.fix?.contains("--action-timeout deploy.queue=") == true)
            #expect(stuck.progress?["inspectorUrl"]?.stringValue?.hasPrefix("https://vercel.com/") == true)

            _ = try await client.trigger(workflow, "app-c", "deploy")
            sandboxClock.advance(by: 30_000)
            clock.advance(by: 1)
            let building = try await client.status(workflow, "app-c", "deploy").decode(ActionStatus.self)
            #expect(building.state == .running && building.progress?["readyState"] == "BUILDING")
            #expect(building.deadlineAt == clock.now().addingTimeInterval(60), "the build's bound starts when it begins")
            clock.advance(by: 60)
            let ended = try await client.status(workflow, "app-c", "deploy").decode(ActionStatus.self)
            #expect(ended.error?.code == "deadline_exceeded")
            #expect(ended.error?.message == "Gave up after 1 min (deploy.build): Vercel deployment building.")
        }
    }

    /// Canceling the workflow cancels the Vercel deployment still building, once.
    @Test func cancelStopsTheVercelBuild() async throws {
        try await SandboxedServers.run(sandbox: SandboxConfiguration(forkSeconds: 0.2, buildSeconds: 100_000)) { servers in
            let (_, workflow) = try await servers.client.initialize(apps: ["app-b"], domain: nil, envVars: "{}")
            for action in ["fork-repository", "create-project"] {
                _ = try await Self.finish(action, of: "app-b", workflow, servers.client)
            }
            let running = try await servers.client.trigger(workflow, "app-b", "deploy").decode(ActionStatus.self)
            #expect(running.state == .running)
            let deploymentID = try #require(running.progress?["deploymentId"]?.stringValue)

            let canceled = try await servers.client.cancel(workflow).decode(WorkflowStatus.self)
            #expect(canceled.state == .canceled && canceled.pendingCancellations.isEmpty)
            let deploy = try #require(canceled.apps.first?.actions.first { $0.action == "deploy" })
            #expect(deploy.state == .canceled && deploy.message == "Canceled; canceled the Vercel deployment \(deploymentID)")
            var state = try await servers.sandboxState()
            #expect(state.deployments.map(\.readyState) == ["CANCELED"])
            #expect(state.calls("PATCH /v12/deployments/{id}/cancel") == 1)

            _ = try await servers.client.cancel(workflow)
            _ = try await servers.client.workflowStatus(workflow)
            state = try await servers.sandboxState()
            #expect(state.calls("PATCH /v12/deployments/{id}/cancel") == 1, "a finished stop is not repeated")
        }
    }

    /// A provider that keeps failing is retried under the action's policy, inside one attempt, and then the action fails
    /// with the provider's last message.
    @Test func anExhaustedRetryPolicyFailsWithTheProvidersLastMessage() async throws {
        let clock = ManualClock()
        try await SandboxedServers.run(sandbox: SandboxConfiguration(failureRate: 1, seed: 3), engineClock: clock) { servers in
            let (_, workflow) = try await servers.client.initialize(apps: ["app-b"], domain: nil, envVars: "{}")
            var status = try await servers.client.trigger(workflow, "app-b", "fork-repository").decode(ActionStatus.self)
            var messages: [String] = []
            while status.state == .running, messages.count < 20 {
                messages.append(status.message)
                #expect(status.attempt == 1, "retries inside an attempt do not change it")
                clock.advance(by: 61)
                status = try await servers.client.status(workflow, "app-b", "fork-repository").decode(ActionStatus.self)
            }
            #expect(messages.count == 9, "one answer per failed call before the last: \(messages)")
            #expect(messages.last?.contains("retry 9 of 9") == true)
            #expect(status.state == .failed && status.attempt == 1)
            let error = try #require(status.error)
            #expect(["provider_unavailable", "rate_limited"].contains(error.code) && error.retryable)
            #expect(error.message.hasPrefix("GitHub: answered ") && error.message.hasSuffix("(gave up after 10 tries)"), "\(error.message)")
            #expect(error.fix?.isEmpty == false)
            #expect(try await servers.sandboxState().calls("GET /repos/{owner}/{repo}") == 10, "the first call, tried ten times")
        }
    }

    /// Triggers an action and long-polls it until it is no longer running.
    static func finish(_ action: String, of app: String, _ workflow: InitResponse, _ client: JSONClient) async throws -> ActionStatus {
        var status = try await client.trigger(workflow, app, action).decode(ActionStatus.self)
        let giveUp = Date().addingTimeInterval(60)
        while status.state == .running, Date() < giveUp {
            status = try await client.status(workflow, app, action, waitMs: 5000).decode(ActionStatus.self)
        }
        return status
    }
}
