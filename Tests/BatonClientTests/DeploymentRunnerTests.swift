import BatonClient
import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// The runner against a live `baton serve --sandbox`: every app to the end, in order or together, through faults,
/// failures, cancellation and a resume from another runner.
@Suite("Deployment runner against a live server")
struct DeploymentRunnerTests {
    @Test func oneAppAfterAnotherReachesTheEndWithOneOfEachResource() async throws {
        try await LiveBaton.run { baton in
            let options = DeploymentRunnerOptions(maxConcurrentApps: 1)
            let runner = try await DeploymentRunner.start(threeApps(), client: baton.client(), options: options)
            let (final, seen) = try await runCollecting(runner)
            #expect(final.state == .succeeded)
            #expect(seen.allSatisfy { $0.apps.filter { $0.state == .running }.count <= 1 }, "one app at a time")
            let startOrder = seen.compactMap { $0.apps.first { $0.state == .running }?.id }.uniqued()
            #expect(startOrder == ["app-a", "app-b", "app-c"])
            #expect(final.apps.allSatisfy { $0.deploymentURL?.hasPrefix("https://") == true })
            #expect(final.dnsRecords.map(\.domain).uniqued() == ["a.example.com", "b.example.com", "c.example.com"])
            #expect(!final.isDriving)
            let problems = try await baton.sandboxState().problemsAfterWorkflow(
                apps: ["app-a", "app-b", "app-c"], owner: "acme", domain: "example.com", envKeys: ["app-a": ["DATABASE_URL"]])
            #expect(problems.isEmpty, "\(problems)")
        }
    }

    @Test func noMoreAppsRunAtOnceThanTheConcurrencyAllows() async throws {
        try await LiveBaton.run(buildSeconds: 2) { baton in
            let options = DeploymentRunnerOptions(maxConcurrentApps: 2)
            let runner = try await DeploymentRunner.start(threeApps(), client: baton.client(), options: options)
            let (final, seen) = try await runCollecting(runner)
            #expect(final.state == .succeeded)
            let mostRunning = seen.map { $0.apps.filter { $0.state == .running }.count }.max() ?? 0
            #expect(mostRunning == 2, "two apps at a time, then the third in the freed slot")
        }
    }

    @Test func appsRunConcurrentlyByDefault() async throws {
        try await LiveBaton.run(buildSeconds: 2) { baton in
            let runner = try await DeploymentRunner.start(threeApps(), client: baton.client())
            let (final, seen) = try await runCollecting(runner)
            #expect(final.state == .succeeded)
            let mostRunning = seen.map { $0.apps.filter { $0.state == .running }.count }.max() ?? 0
            #expect(mostRunning == 3, "all three apps were running at one moment")
            #expect(try await baton.sandboxState().problemsAfterWorkflow(apps: ["app-a", "app-b", "app-c"], owner: "acme", domain: "example.com").isEmpty)
        }
    }

    @Test func longPollKeepsRequestsPerActionLow() async throws {
        try await LiveBaton.run { baton in
            let transport = RecordingTransport()
            let runner = try await DeploymentRunner.start(threeApps(), client: baton.client(transport))
            let final = try await runner.run()
            #expect(final.state == .succeeded)
            let actions = final.apps.map(\.actions.count).reduce(0, +)
            let driving = transport.sentModes.filter { $0 == "trigger" || $0 == "status" }.count
            #expect(Double(driving) / Double(actions) <= 3, "\(driving) requests for \(actions) actions")
            #expect(transport.sentModes.filter { $0 == "trigger" }.count == actions, "each action triggered once")
        }
    }

    @Test func providerFailuresAreRiddenOutByTheServer() async throws {
        try await LiveBaton.run { baton in
            try await baton.setFaults(#"{"failureRate": 0.3, "seed": 7}"#)
            let runner = try await DeploymentRunner.start(threeApps(), client: baton.client())
            let final = try await runner.run()
            #expect(final.state == .succeeded, "\(final.apps.flatMap(\.actions).filter { $0.state != .succeeded }.map(\.message))")
            try await baton.setFaults("{}")
            let state = try await baton.sandboxState()
            #expect(state.problemsAfterWorkflow(apps: ["app-a", "app-b", "app-c"], owner: "acme", domain: "example.com").isEmpty)
        }
    }

    @Test func lostRequestsAndAnswersAreRetriedWithoutDuplicates() async throws {
        try await LiveBaton.run { baton in
            let transport = RecordingTransport { number in
                switch number % 4 {
                case 1 where number > 1: .dropRequest
                case 2: .loseAnswer
                case 3 where number % 8 == 3: .replaceWith503
                default: nil
                }
            }
            let policy = RetryPolicy(maxAttempts: 10, initialDelay: .milliseconds(10), maxDelay: .milliseconds(100))
            let runner = try await DeploymentRunner.start(
                threeApps(), client: baton.client(transport), options: DeploymentRunnerOptions(retryPolicy: policy))
            let (final, seen) = try await runCollecting(runner)
            #expect(final.state == .succeeded)
            #expect(seen.contains { $0.notice?.contains("retrying") == true }, "the retries were shown")
            #expect(final.notice == nil)
            let problems = try await baton.sandboxState().problemsAfterWorkflow(
                apps: ["app-a", "app-b", "app-c"], owner: "acme", domain: "example.com", envKeys: ["app-a": ["DATABASE_URL"]])
            #expect(problems.isEmpty, "\(problems)")
        }
    }

    @Test func aFailedActionStopsOnlyItsAppAndRetryCompletesIt() async throws {
        try await LiveBaton.run { baton in
            try await baton.setFaults(#"{"failDeployment": "acme-app-b"}"#)
            let runner = try await DeploymentRunner.start(threeApps(), client: baton.client())
            let first = try await runner.run()
            #expect(first.apps.map(\.state) == [.succeeded, .failed, .succeeded])
            let failed = try #require(first.apps[1].action("deploy"))
            #expect(failed.state == .failed && failed.error != nil && !failed.message.isEmpty)
            #expect(first.apps[1].action("assign-domain")?.state == .pending, "nothing after the failure ran")
            let retried = try await runner.retry(app: "app-b", action: "deploy")
            #expect(retried.state == .succeeded)
            #expect(retried.apps[1].action("deploy")?.attempt == 2)
        }
    }

    @Test func aSecondRunnerResumesWhereTheFirstStopped() async throws {
        try await LiveBaton.run(buildSeconds: 2) { baton in
            let first = try await DeploymentRunner.start(threeApps(), client: baton.client())
            let progress = first.progress
            let driving = Task { try await first.run() }
            for await snapshot in progress where snapshot.apps.contains(where: { $0.action("deploy")?.state == .running }) {
                break
            }
            driving.cancel()
            let stopped = try? await driving.value
            #expect(stopped == nil, "cancelling the task stops driving")
            let midway = await first.currentSnapshot
            #expect(midway.state == .running && !midway.isDriving)

            let second = try await DeploymentRunner.resume(first.credentials, client: baton.client())
            let resumed = await second.currentSnapshot
            #expect(resumed.apps.flatMap(\.actions).filter { $0.state == .succeeded }.count >= 2, "it starts from the server's state")
            let final = try await second.run()
            #expect(final.state == .succeeded)
            let problems = try await baton.sandboxState().problemsAfterWorkflow(
                apps: ["app-a", "app-b", "app-c"], owner: "acme", domain: "example.com", envKeys: ["app-a": ["DATABASE_URL"]])
            #expect(problems.isEmpty, "\(problems)")
        }
    }

    @Test func cancelStopsTheWorkflowOnTheServerAndTheDrivers() async throws {
        try await LiveBaton.run(buildSeconds: 3) { baton in
            let runner = try await DeploymentRunner.start(threeApps(), client: baton.client())
            let progress = runner.progress
            let driving = Task { try await runner.run() }
            for await snapshot in progress where snapshot.apps.contains(where: { $0.action("deploy")?.state == .running }) {
                break
            }
            let canceled = try await runner.cancel()
            #expect(canceled.state == .canceled)
            let final = try await driving.value
            #expect(final.state == .canceled)
            #expect(final.apps.flatMap(\.actions).allSatisfy { $0.state == .succeeded || $0.state == .canceled }, "\(final.apps.flatMap(\.actions).map { "\($0.id) \($0.state) \($0.sequence)" })")
            let status = try await baton.client().workflowStatus(runner.credentials)
            #expect(status.state == .canceled)
        }
    }

    @Test func invalidInputListsEveryProblem() async throws {
        try await LiveBaton.run { baton in
            var request = threeApps(owner: "-bad-", domain: "not a domain")
            request.envVars = ["app-a": ["lower": "x"]]
            do {
                _ = try await DeploymentRunner.start(request, client: baton.client())
                Issue.record("init should be rejected")
            } catch let error as BatonClientError {
                let paths = Set(error.apiError?.details.map(\.path) ?? [])
                #expect(error.apiError?.knownCode == .validationFailed)
                #expect(paths.isSuperset(of: ["config.github.owner", "config.domain"]), "\(paths)")
                #expect(paths.contains { $0.hasPrefix("envVars.app-a") }, "\(paths)")
            }
        }
    }

    @Test func anUnreachableServerFailsAfterTheRetries() async throws {
        let port = try FreePort.loopback()
        let client = BatonClient(serverURL: URL(string: "http://127.0.0.1:\(port)")!)
        let policy = RetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(5))
        do {
            _ = try await DeploymentRunner.start(threeApps(), client: client, options: DeploymentRunnerOptions(retryPolicy: policy))
            Issue.record("nobody listens")
        } catch let error as BatonClientError {
            guard case .transport = error else {
                Issue.record("expected a transport failure, got \(error)")
                return
            }
        }
    }
}

/// Runs `runner` to its end and returns the final snapshot with every snapshot published on the way.
func runCollecting(_ runner: DeploymentRunner) async throws -> (DeploymentSnapshot, [DeploymentSnapshot]) {
    let progress = runner.progress
    async let final = runner.run()
    var seen: [DeploymentSnapshot] = []
    for await snapshot in progress { seen.append(snapshot) }
    return (try await final, seen)
}

extension Array where Element: Hashable {
    /// The elements without repeats, in first-seen order.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
