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

    @OptionGroup var workflow: WorkflowSelection

    @OptionGroup var client: ClientOptions

    func run() async throws {
        do {
            let status = try await WorkflowAccess.request(workflow, client: client) { baton, credentials throws(BatonClientError) in
                try await baton.cancel(credentials)
            }
            guard !client.json else { return WorkflowAccess.printJSON(status) }
            TerminalOutput().writeLines(["Workflow \(status.workflowId) is \(status.state.rawValue)."])
        } catch {
            for line in error.explanation { TerminalOutput().error(line) }
            throw ExitCode(error.exitCode)
        }
    }
}
