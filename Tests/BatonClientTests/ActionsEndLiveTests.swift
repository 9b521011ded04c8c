import BatonClient
import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// The failures that used to leave a spinner turning for ever, end to end through `baton serve --sandbox` and the
/// Swift client: each action ends, with the provider's message and what to do.
@Suite("Every action ends, through baton serve --sandbox")
struct ActionsEndLiveTests {
    /// Answers so slow that three do not fit in the budget (1.2 s under 3.6 s, as 3 s under the default 8 s) finish
    /// with one fork, one project, one deployment and one domain.
    @Test func slowProviderAnswersFinishWithoutRepeatingCreateCalls() async throws {
        try await LiveBaton.run(forkSeconds: 0.2, buildSeconds: 0.5, extraArguments: ["--request-budget", "3600ms"]) { baton in
            try await baton.setFaults(#"{"responseDelayMs": 1200}"#)
            let request = InitRequest(config: WorkflowConfig(apps: ["app-b"], github: GitHubTarget(owner: "acme"), domain: "example.com"))
            let runner = try await DeploymentRunner.start(request, client: baton.client())
            let final = try await runner.run()
            #expect(final.state == .succeeded, "\(final.apps.flatMap(\.actions).map(\.message))")
            let state = try await baton.sandboxState()
            for route in ["POST /repos/{owner}/{repo}/forks", "POST /v11/projects", "POST /v13/deployments", "POST /v10/projects/{idOrName}/domains"] {
                #expect(state.calls(route) == 1, "\(route): \(state.calls(route))")
            }
        }
    }

    @Test func aRunnerSeesACancelMadeElsewhereWhileAForkWaitsAnHourForItsSlot() async throws {
        // One fork an hour: the second app's fork waits for a slot, and the server's pollAfterMs says "in an hour".
        try await LiveBaton.run(forkSeconds: 0.2, extraArguments: ["--github-content-pace", "1/h"]) { baton in
            let request = InitRequest(config: WorkflowConfig(apps: ["app-b", "app-c"], github: GitHubTarget(owner: "acme")))
            // Short long polls: each answers "still waiting" quickly, then the runner pauses before the next.
            let runner = try await DeploymentRunner.start(
                request, client: baton.client(), options: DeploymentRunnerOptions(longPollMs: 300))
            let driving = Task { try await runner.run() }
            let waiting = ContinuousClock.now
            while !(await runner.currentSnapshot.apps.flatMap(\.actions).contains { $0.message.contains("Waiting for a slot") }) {
                #expect(ContinuousClock.now - waiting < .seconds(30), "a fork waits for its slot")
                try await Task.sleep(for: .milliseconds(100))
            }
            try await Task.sleep(for: .seconds(1.5))
            // Canceled from another client (another terminal, the page): the runner notices within a long poll or two.
            let canceledAt = ContinuousClock.now
            _ = try await baton.client().cancel(runner.credentials)
            while await runner.currentSnapshot.isDriving, ContinuousClock.now - canceledAt < .seconds(20) {
                try await Task.sleep(for: .milliseconds(100))
            }
            let stillDriving = await runner.currentSnapshot.isDriving
            #expect(!stillDriving, "the runner stopped within seconds of the cancel, not at the next slot")
            if stillDriving { driving.cancel() }
            #expect(await runner.currentSnapshot.state == .canceled)
        }
    }

    @Test func aMissingVercelGitHubAppFailsDeployWithTheFix() async throws {
        try await LiveBaton.run(forkSeconds: 0.2, extraArguments: ["--action-timeout", "deploy.repository=2s"]) { baton in
            let (client, credentials) = try await Self.start(baton, apps: ["app-b"])
            for action in ["fork-repository", "create-project"] {
                #expect(try await client.finish(action, of: "app-b", in: credentials).state == .succeeded)
            }
            try await baton.setFaults(#"{"missingGitHubApp": "acme"}"#)
            let deploy = try await client.finish("deploy", of: "app-b", in: credentials)
            let error = try #require(deploy.error)
            #expect(deploy.state == .failed && error.code == "git_source_unavailable" && !error.retryable)
            #expect(error.message.contains("Vercel said: The provided GitHub repository"), "\(error.message)")
            #expect(error.fix?.contains("https://github.com/apps/vercel") == true)
            #expect(try await baton.sandboxState().calls("POST /v13/deployments") <= 2)
        }
    }

    @Test func aBuildStuckInTheQueueFailsAtItsBoundAndCancelStopsAnother() async throws {
        try await LiveBaton.run(forkSeconds: 0.2, buildSeconds: 100_000, extraArguments: ["--action-timeout", "deploy.queue=2s"]) { baton in
            let (client, credentials) = try await Self.start(baton, apps: ["app-b"])
            for action in ["fork-repository", "create-project"] {
                _ = try await client.finish(action, of: "app-b", in: credentials)
            }
            let stuck = try await client.finish("deploy", of: "app-b", in: credentials)
            #expect(stuck.state == .failed && stuck.error?.code == "deadline_exceeded" && stuck.error?.retryable == true)
            #expect(stuck.error?.message.contains("(deploy.queue)") == true)
            #expect(stuck.error?.fix?.contains("--action-timeout deploy.queue=") == true)
            #expect(stuck.progress?["readyState"] == "QUEUED" && stuck.startedAt != nil && stuck.deadlineAt == nil)
            let snapshot = try await DeploymentRunner.resume(credentials, client: client).currentSnapshot
            let shown = try #require(snapshot.apps.first?.actions.first { $0.id == "deploy" })
            #expect(shown.error?.fix == stuck.error?.fix && shown.progress?["inspectorUrl"] == stuck.progress?["inspectorUrl"])
            #expect(shown.elapsed(at: Date()) == nil, "a failed action has no running clock")

            let retried = try await client.trigger(ActionReference(workflowID: credentials.workflowID, app: "app-b", action: "deploy"), token: credentials.token)
            #expect(retried.state == .running && retried.attempt == 2)
            let deadline = try #require(retried.deadlineAt)
            let started = try #require(retried.startedAt)
            #expect(abs(deadline.timeIntervalSince(started) - 2) < 0.5, "a fresh attempt under a fresh deadline")
            let canceled = try await client.cancel(credentials)
            #expect(canceled.pendingCancellations.isEmpty)
            let state = try await baton.sandboxState()
            #expect(state.deployments.map(\.readyState) == ["CANCELED"], "the queued build was canceled on Vercel")
            #expect(state.calls("PATCH /v12/deployments/{id}/cancel") == 1)
        }
    }

    private static func start(_ baton: LiveBaton, apps: [String]) async throws -> (BatonClient, WorkflowCredentials) {
        let client = baton.client()
        let plan = try await client.initialize(InitRequest(config: WorkflowConfig(apps: apps, github: GitHubTarget(owner: "acme"))))
        return (client, WorkflowCredentials(workflowID: plan.workflowID, token: plan.token))
    }
}
