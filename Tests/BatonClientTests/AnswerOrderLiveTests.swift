import BatonClient
import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// Answers that arrive out of order never move the progress back: the runner keeps each action's newest status by the
/// server's `sequence`, through a run and across a resume, against a live `baton serve --sandbox`.
@Suite("Answers out of order, through baton serve --sandbox")
struct AnswerOrderLiveTests {
    @Test func olderAnswersReleasedAfterNewerOnesNeverMoveAnActionBack() async throws {
        // Forks and builds longer than the request budget, so those actions are answered `running` before `succeeded`.
        try await LiveBaton.run(forkSeconds: 2, buildSeconds: 2, extraArguments: ["--request-budget", "1s"]) { baton in
            let transport = ReorderingTransport(releaseEvery: 2)
            let runner = try await DeploymentRunner.start(threeApps(), client: baton.client(transport))
            let (final, seen) = try await runCollecting(runner)

            #expect(final.state == .succeeded)
            let releases = transport.releases.filter { $0.about != "workflow" }
            #expect(releases.count >= 3, "older answers were handed back after newer ones: \(releases)")
            let violations = ProgressOrder.violations(in: seen)
            #expect(violations.isEmpty, "\(violations)")
            let problems = try await baton.sandboxState().problemsAfterWorkflow(
                apps: ["app-a", "app-b", "app-c"], owner: "acme", domain: "example.com", envKeys: ["app-a": ["DATABASE_URL"]])
            #expect(problems.isEmpty, "\(problems)")
        }
    }

    @Test func aResumeWhoseReadLagsBehindKeepsWhatWasShown() async throws {
        try await LiveBaton.run(buildSeconds: 2) { baton in
            let transport = ReorderingTransport(releaseEvery: 1_000)
            let client = baton.client(transport)
            let first = try await DeploymentRunner.start(threeApps(), client: client)
            // The whole-workflow read the transport will hand back later: every action still pending.
            _ = try await client.workflowStatus(first.credentials)

            let progress = first.progress
            let driving = Task { try await first.run() }
            var seen: [DeploymentSnapshot] = []
            for await snapshot in progress {
                seen.append(snapshot)
                if snapshot.apps.allSatisfy({ $0.action("create-project")?.state == .succeeded }) { break }
            }
            driving.cancel()
            _ = try? await driving.value
            let shown = await first.currentSnapshot

            let resumed = try await DeploymentRunner.resume(first.credentials, client: client, after: shown)
            #expect(transport.releases.contains { $0.about == "workflow" }, "the resume read the lagging whole-workflow answer")
            let (final, after) = try await runCollecting(resumed)
            #expect(final.state == .succeeded)
            // `after` begins with the resumed runner's first snapshot, before it sent anything.
            let violations = ProgressOrder.violations(in: seen + [shown] + after)
            #expect(violations.isEmpty, "\(violations)")

            let lagging = try await DeploymentRunner.resume(first.credentials, client: client)
            let fromLaggingReadAlone = await lagging.currentSnapshot
            #expect(fromLaggingReadAlone.apps.allSatisfy { $0.state == .pending },
                    "without what was shown, the lagging read alone would have moved every action back")
        }
    }
}

/// Checks a series of snapshots, as a progress view would show them, for progress that goes backwards.
enum ProgressOrder {
    /// Every moment an action went from succeeded back to another state, and every moment an app showed more than one
    /// running action; empty when the progress only moved forward.
    static func violations(in snapshots: [DeploymentSnapshot]) -> [String] {
        var problems: [String] = []
        var shown: [String: ActionState] = [:]
        for (moment, snapshot) in snapshots.enumerated() {
            for app in snapshot.apps {
                let running = app.actions.filter { $0.state == .running }.map(\.id)
                if running.count > 1 { problems.append("moment \(moment): \(app.id) shows \(running) running") }
                for action in app.actions {
                    let key = "\(app.id)/\(action.id)"
                    if shown[key] == .succeeded, action.state != .succeeded {
                        problems.append("moment \(moment): \(key) went from succeeded to \(action.state)")
                    }
                    shown[key] = action.state
                }
            }
        }
        return problems
    }
}
