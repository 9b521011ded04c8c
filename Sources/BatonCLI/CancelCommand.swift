import ArgumentParser
import BatonClient
import BatonCore
import Foundation

/// `baton cancel ID`: cancels a workflow on the server; actions not finished become canceled, and the provider work
/// they started (a Vercel build) is stopped. While the server reports work still being stopped, it asks again, for up
/// to 30 seconds.
struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a workflow: every action not finished becomes canceled."
    )

    @OptionGroup var workflow: WorkflowSelection

    @OptionGroup var client: ClientOptions

    func run() async throws {
        do {
            var status = try await WorkflowAccess.request(workflow, client: client) { baton, credentials throws(BatonClientError) in
                try await baton.cancel(credentials)
            }
            let giveUp = ContinuousClock.now + .seconds(30)
            while !status.pendingCancellations.isEmpty, ContinuousClock.now < giveUp {
                if !client.json {
                    TerminalOutput().writeLines(status.pendingCancellations.map { "… \($0.app) \($0.action): \($0.message)" })
                }
                try? await Task.sleep(for: .seconds(2))
                status = try await WorkflowAccess.request(workflow, client: client) { baton, credentials throws(BatonClientError) in
                    try await baton.workflowStatus(credentials)
                }
            }
            guard !client.json else { return WorkflowAccess.printJSON(status) }
            let stopped = status.apps.flatMap { app in
                app.actions.filter { $0.message.hasPrefix("Canceled; ") }.map { "\(app.name): \($0.message.dropFirst("Canceled; ".count))" }
            }
            TerminalOutput().writeLines(["Workflow \(status.workflowID) is \(status.state.rawValue)."] + stopped)
            if !status.pendingCancellations.isEmpty {
                TerminalOutput().writeLines(["Still stopping: run `baton cancel \(status.workflowID)` again."])
            }
        } catch {
            for line in error.explanation { TerminalOutput().error(line) }
            throw ExitCode(error.exitCode)
        }
    }
}
