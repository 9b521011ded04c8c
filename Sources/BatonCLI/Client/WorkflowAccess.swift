import BatonClient
import Foundation

/// Finds the server and credentials of an existing workflow for `resume`, `status` and `cancel`: `--token` or
/// `BATON_TOKEN` when given, else the token file `baton deploy` wrote.
enum WorkflowAccess {
    /// The server URL and credentials of `workflowId`.
    static func resolve(
        _ workflowId: String, token: String?, client: ClientOptions
    ) throws(CLIFailure) -> (server: URL, credentials: WorkflowCredentials) {
        let environment = ProcessInfo.processInfo.environment
        if let token = token ?? environment["BATON_TOKEN"] {
            return (try client.serverURL(), WorkflowCredentials(workflowId: workflowId, token: token))
        }
        let file = try WorkflowTokenFile.load(workflowId, environment: environment)
        return (try client.serverURL(fallback: file.server), file.credentials)
    }
}
