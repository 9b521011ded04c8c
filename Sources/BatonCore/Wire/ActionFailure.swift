/// Why an action failed: a stable code, the provider's own message, whether trying again unchanged may help, and
/// what the user should do.
public struct ActionFailure: Codable, Sendable, Hashable, Error {
    /// A stable machine-readable code, such as `bad_credentials` or `deadline_exceeded`.
    public var code: String
    /// A sentence a person understands, with the provider's own message where there is one.
    public var message: String
    /// Whether triggering the action again, with nothing else changed, may succeed.
    public var retryable: Bool
    /// What to do about it, for people (a sentence, with a documentation link where one helps). Every failure the
    /// server reports has one: when an action gave none, the server words a general one from ``retryable``.
    public var fix: String?

    public init(code: String, message: String, retryable: Bool, fix: String? = nil) {
        self.code = code
        self.message = message
        self.retryable = retryable
        self.fix = fix
    }

    /// This failure with a fix: its own, or a general one from ``retryable``.
    public var withFix: ActionFailure {
        guard fix == nil else { return self }
        var failure = self
        failure.fix = retryable
            ? "Trigger the action again; it picks up what was already done."
            : "This will fail the same way until the cause above is fixed; fix it, then trigger the action again."
        return failure
    }
}
