/// What one bounded step of an action (`start` or `poll`) ended with.
public enum ActionOutcome: Sendable, Hashable {
    /// Still going: call `poll` with `checkpoint` after `pollAfter`.
    case running(ActionProgress)
    /// Done, with public outputs.
    case succeeded(outputs: [String: JSONValue], message: String)
    /// Done, with an error.
    case failed(ActionFailure)
}

/// An action that is still going: when to look again, what to tell people, and where it stands.
public struct ActionProgress: Sendable, Hashable {
    /// A small marker persisted with the workflow, so any server instance can continue the action.
    public var checkpoint: JSONValue
    /// How long to wait before the next `poll`.
    public var pollAfter: Duration
    /// What is happening, for people.
    public var message: String

    public init(checkpoint: JSONValue, pollAfter: Duration, message: String) {
        self.checkpoint = checkpoint
        self.pollAfter = pollAfter
        self.message = message
    }

    /// Progress whose checkpoint is any `Encodable` value.
    public init(encoding checkpoint: some Encodable, pollAfter: Duration, message: String) throws {
        self.init(checkpoint: try JSONValue(encoding: checkpoint), pollAfter: pollAfter, message: message)
    }
}
