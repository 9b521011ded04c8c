import BatonClient
import BatonCore
import Foundation

/// Finds the server and credentials of an existing workflow for `resume`, `status` and `cancel`: `--token` or
/// `BATON_TOKEN` when given, else the token file `baton deploy` wrote.
enum WorkflowAccess {
    /// The server URL and credentials of the selected workflow.
    static func resolve(
        _ workflow: WorkflowSelection, client: ClientOptions
    ) throws(CLIFailure) -> (server: URL, credentials: WorkflowCredentials) {
        let workflowID = workflow.workflowID
        let token = workflow.token
        let environment = ProcessInfo.processInfo.environment
        if let token = token ?? environment["BATON_TOKEN"] {
            return (try client.serverURL(), WorkflowCredentials(workflowID: workflowID, token: token))
        }
        do {
            let file = try WorkflowTokenFile.load(workflowID, environment: environment)
            return (try client.serverURL(fallback: file.server), file.credentials)
        } catch {
            // No token here (another machine, say): the API key that started the workflow reaches it too.
            guard let key = client.apiKey else { throw error }
            return (try client.serverURL(), WorkflowCredentials(workflowID: workflowID, token: key))
        }
    }

    /// Sends one request about the selected workflow (retried as `client` says) and returns the whole workflow it answers
    /// with; every failure becomes a ``CLIFailure``.
    static func request(
        _ workflow: WorkflowSelection, client: ClientOptions,
        _ send: @escaping @Sendable (BatonClient, WorkflowCredentials) async throws(BatonClientError) -> WorkflowStatus
    ) async throws(CLIFailure) -> WorkflowStatus {
        let (server, credentials) = try resolve(workflow, client: client)
        let baton = BatonClient(serverURL: server)
        do {
            return try await client.retryPolicy.run { () async throws(BatonClientError) in try await send(baton, credentials) }
        } catch let error as BatonClientError {
            throw CLIFailure(error)
        } catch {
            throw .unreachable("\(error)")
        }
    }

    /// Prints `status` as one JSON object.
    static func printJSON(_ status: WorkflowStatus) {
        guard let data = try? BatonJSON.makeEncoder(sortedKeys: true).encode(status) else { return }
        TerminalOutput().write(String(decoding: data, as: UTF8.self) + "\n")
    }
}
