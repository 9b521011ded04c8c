/// What a client needs to drive a workflow: its id and the bearer token `init` returned.
///
/// The token is the only proof of access the server accepts; `description` never shows it.
public struct WorkflowCredentials: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `wf_` and 32 hex digits.
    public var workflowId: String
    /// The bearer token.
    public var token: String

    /// Creates credentials.
    public init(workflowId: String, token: String) {
        self.workflowId = workflowId
        self.token = token
    }

    /// The workflow id and a redacted token.
    public var description: String { "\(workflowId) (token redacted)" }
}
