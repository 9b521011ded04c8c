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

    @Flag(help: "Also show every state transition, oldest first (the server sends them only when asked).")
    var history = false

    func run() async throws {
        let output = TerminalOutput()
        let history = history
        do {
            let status = try await WorkflowAccess.request(workflow, client: client) { baton, credentials throws(BatonClientError) in
                try await baton.workflowStatus(credentials, history: history)
            }
            guard !client.json else { return WorkflowAccess.printJSON(status) }
            let style = TerminalStyle(colors: isatty(STDOUT_FILENO) == 1)
            let snapshot = DeploymentSnapshot(status: status)
            output.writeLines(["Workflow \(status.workflowID): \(status.state.rawValue)"]
                + ProgressFrame(snapshot: snapshot, style: style, tick: nil).lines)
            let summary = DeploymentSummary(snapshot: snapshot, style: style).lines
            output.writeLines(summary.isEmpty ? [] : [""] + summary)
            if let entries = status.history {
                output.writeLines(["", "History:"] + entries.map(Self.line))
            }
        } catch {
            for line in error.explanation { output.error(line) }
            throw ExitCode(error.exitCode)
        }
    }

    /// One transition: "2026-11-25T03:00:04Z app-a/deploy running → succeeded (attempt 1): Deployed".
    static func line(_ entry: HistoryEntry) -> String {
        let at = entry.at.formatted(.iso8601)
        return "  \(at) \(entry.app)/\(entry.action) \(entry.from.rawValue) → \(entry.to.rawValue) (attempt \(entry.attempt)): \(entry.message)"
    }
}
