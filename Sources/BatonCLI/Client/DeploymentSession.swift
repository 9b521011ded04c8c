import BatonClient
import BatonCore
import Foundation

/// Drives a runner to its end while a renderer shows its progress; Ctrl-C stops driving and prints how to resume.
struct DeploymentSession {
    /// The runner.
    let runner: DeploymentRunner
    /// How progress is shown.
    let renderer: any ProgressRenderer
    /// The transport under the runner's client, for the request count.
    let transport: CountingTransport
    /// When the command started.
    let started: ContinuousClock.Instant

    /// Runs and returns the exit code: 0 all succeeded, 1 an action failed or the workflow was canceled, 2 rejected,
    /// 3 unreachable, 130 interrupted.
    func run() async -> Int32 {
        let progress = runner.progress
        let driving = Task { try await runner.run() }
        let interrupt = InterruptSignal { driving.cancel() }
        defer { interrupt.stop() }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await renderer.animate() }
            for await snapshot in progress { await renderer.show(snapshot) }
            group.cancelAll()
        }
        let result = await driving.result
        let snapshot = await runner.currentSnapshot
        switch result {
        case .success(let final):
            let actions = final.apps.map(\.actions.count).reduce(0, +)
            await renderer.finish(final, figures: RunFigures(requests: transport.requests, actions: actions, elapsed: .now - started))
            return final.isComplete ? CLIExit.success : CLIExit.actionFailed
        case .failure(let error) where error is CancellationError || (error as? BatonClientError) == .cancelled:
            await renderer.interrupted(snapshot, resumeCommand: "baton resume \(snapshot.workflowID)")
            return CLIExit.interrupted
        case .failure(let error as BatonClientError):
            let failure = Self.resumable(CLIFailure(error), snapshot.workflowID)
            await renderer.failed(failure)
            return failure.exitCode
        case .failure(let error):
            let failure = Self.resumable(CLIFailure.unreachable("\(error)"), snapshot.workflowID)
            await renderer.failed(failure)
            return failure.exitCode
        }
    }

    /// An unreachable server leaves the workflow where it stands: the failure says how to continue once it is back.
    private static func resumable(_ failure: CLIFailure, _ workflowID: String) -> CLIFailure {
        guard case .unreachable(let reason) = failure else { return failure }
        return .unreachable("\(reason) The workflow keeps its progress; continue with: baton resume \(workflowID)")
    }
}
