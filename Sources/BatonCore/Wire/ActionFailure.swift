/// Why an action failed: a stable code, a sentence for people, and whether trying again may help.
public struct ActionFailure: Codable, Sendable, Hashable, Error {
    /// A stable machine-readable code, such as `bad_credentials`.
    public var code: String
    /// A sentence a person understands.
    public var message: String
    /// Whether triggering the action again may succeed.
    public var retryable: Bool

    public init(code: String, message: String, retryable: Bool) {
        self.code = code
        self.message = message
        self.retryable = retryable
    }
}
