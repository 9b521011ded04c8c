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

    @Argument(help: "The workflow id (wf_…).")
    var workflowId: String

    @OptionGroup var client: ClientOptions

    @Option(help: "The workflow's token (default: BATON_TOKEN, else the token file `baton deploy` wrote).")
    var token: String?

    func run() async throws {
        let output = TerminalOutput()
        do {
            let (server, credentials) = try WorkflowAccess.resolve(workflowId, token: token, client: client)
            let baton = BatonClient(serverURL: server)
            let status: WorkflowStatus
            do {
                status = try await client.retryPolicy.run { () async throws(BatonClientError) in try await baton.workflowStatus(credentials) }
            } catch let error as BatonClientError {
                throw CLIFailure(error)
            }
            if client.json {
                let data = try BatonJSON.makeEncoder(sortedKeys: true).encode(status)
                output.write(String(decoding: data, as: UTF8.self) + "\n")
                return
            }
            let style = TerminalStyle(colors: isatty(STDOUT_FILENO) == 1)
            let snapshot = DeploymentSnapshot(status: status)
            output.writeLines(["Workflow \(status.workflowId): \(status.state.rawValue)"]
                + ProgressFrame(snapshot: snapshot, style: style, tick: nil).lines)
            let summary = DeploymentSummary(snapshot: snapshot, style: style).lines
            output.writeLines(summary.isEmpty ? [] : [""] + summary)
        } catch let failure as CLIFailure {
            for line in failure.explanation { output.error(line) }
            throw ExitCode(failure.exitCode)
        }
    }
}
