import ArgumentParser
import BatonClient
import BatonCore
import Foundation

/// `baton status ID`: shows where a workflow stands, without driving it.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show where a workflow stands (with --json, the server's whole-workflow status)."
    )

    @OptionGroup var workflow: WorkflowSelection

    @OptionGroup var client: ClientOptions

    func run() async throws {
        let output = TerminalOutput()
        do {
            let status = try await WorkflowAccess.request(workflow, client: client) { baton, credentials throws(BatonClientError) in
                try await baton.workflowStatus(credentials)
            }
            guard !client.json else { return WorkflowAccess.printJSON(status) }
            let style = TerminalStyle(colors: isatty(STDOUT_FILENO) == 1)
            let snapshot = DeploymentSnapshot(status: status)
            output.writeLines(["Workflow \(status.workflowId): \(status.state.rawValue)"]
                + ProgressFrame(snapshot: snapshot, style: style, tick: nil).lines)
            let summary = DeploymentSummary(snapshot: snapshot, style: style).lines
            output.writeLines(summary.isEmpty ? [] : [""] + summary)
        } catch {
            for line in error.explanation { output.error(line) }
            throw ExitCode(error.exitCode)
        }
    }
}
