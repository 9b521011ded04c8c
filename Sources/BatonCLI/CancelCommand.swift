import ArgumentParser
import BatonClient
import BatonCore
import Foundation

/// `baton cancel ID`: cancels a workflow on the server; actions not finished become canceled.
struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a workflow: every action not finished becomes canceled."
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
                status = try await client.retryPolicy.run { () async throws(BatonClientError) in try await baton.cancel(credentials) }
            } catch let error as BatonClientError {
                throw CLIFailure(error)
            }
            if client.json {
                let data = try BatonJSON.makeEncoder(sortedKeys: true).encode(status)
                output.write(String(decoding: data, as: UTF8.self) + "\n")
            } else {
                output.writeLines(["Workflow \(status.workflowId) is \(status.state.rawValue)."])
            }
        } catch let failure as CLIFailure {
            for line in failure.explanation { output.error(line) }
            throw ExitCode(failure.exitCode)
        }
    }
}
