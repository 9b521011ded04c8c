import ArgumentParser
import BatonClient
import BatonCore
import Foundation

/// `baton list`: the workflows the API key started, newest first, so a user finds a workflow to `resume` from any
/// machine with the key alone.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the workflows your API key started, newest first (a server run with --auth api-key or jwt).",
        discussion: "Continue one with `baton resume ID`: the key reaches every workflow it started. Exit codes as for `baton status`."
    )

    @OptionGroup var client: ClientOptions

    @Option(help: "The most workflows to show (1–200).")
    var limit = 50

    func validate() throws {
        guard (1...200).contains(limit) else { throw ValidationError("--limit must be from 1 to 200.") }
    }

    func run() async throws {
        let output = TerminalOutput()
        do {
            guard let key = client.apiKey else {
                throw CLIFailure.usage("baton list needs the API key in $\(client.apiKeyEnv): the server lists the workflows it started.")
            }
            let baton = BatonClient(serverURL: try client.serverURL(), credential: { key })
            let limit = limit
            let list: WorkflowList
            do {
                list = try await client.retryPolicy.run { () async throws(BatonClientError) in try await baton.workflows(limit: limit) }
            } catch let error as BatonClientError {
                throw CLIFailure(error)
            } catch {
                throw CLIFailure.unreachable("\(error)")
            }
            if client.json {
                guard let data = try? BatonJSON.makeEncoder(sortedKeys: true).encode(list) else { return }
                return output.write(String(decoding: data, as: UTF8.self) + "\n")
            }
            guard !list.workflows.isEmpty else { return output.writeLines(["No workflows."]) }
            output.writeLines(list.workflows.map(Self.line))
        } catch let failure as CLIFailure {
            for line in failure.explanation { output.error(line) }
            throw ExitCode(failure.exitCode)
        }
    }

    /// One workflow: "wf_… running 2026-12-01T10:00:00Z app-a (succeeded), app-b (running)".
    static func line(_ workflow: WorkflowSummary) -> String {
        let apps = workflow.apps.map { "\($0.id) (\($0.state.rawValue))" }.joined(separator: ", ")
        return "\(workflow.workflowID)  \(workflow.state.rawValue)  \(workflow.createdAt.formatted(.iso8601))  \(apps)"
    }
}
