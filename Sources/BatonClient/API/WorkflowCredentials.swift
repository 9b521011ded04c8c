/// What a client needs to drive a workflow: its id and the bearer token `init` returned.
///
/// The token is the only proof of access the server accepts; `description` never shows it.
public struct WorkflowCredentials: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `wf_` and 32 hex digits.
    public var workflowID: String
    /// The bearer token.
    public var token: String

    /// Creates credentials.
    public init(workflowID: String, token: String) {
        self.workflowID = workflowID
        self.token = token
    }

    enum CodingKeys: String, CodingKey {
        case workflowID = "workflowId", token
    }

    /// The workflow id and a redacted token.
    public var description: String { "\(workflowID) (token redacted)" }
}
