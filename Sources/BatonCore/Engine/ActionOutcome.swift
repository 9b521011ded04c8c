/// What one bounded step of an action (`start` or `poll`) ended with.
public enum ActionOutcome: Sendable, Hashable {
    /// Still going: call `poll` with `checkpoint` after `pollAfter`.
    case running(ActionProgress)
    /// Done, with public outputs (see ``ActionOutput`` for a typed way to produce them).
    case succeeded(outputs: [String: JSONValue], message: String)
    /// Done, with an error.
    case failed(ActionFailure)

    /// Done, with `output` as the public outputs (stored as the JSON object it encodes to).
    /// - Throws: `EncodingError` when `output` does not encode to a JSON object.
    public static func succeeded(_ output: some ActionOutput, message: String) throws -> ActionOutcome {
        .succeeded(outputs: try output.encodedOutputs(), message: message)
    }
}

/// An action that is still going: when to look again, what to tell people, and where it stands.
public struct ActionProgress: Sendable, Hashable {
    /// A small marker persisted with the workflow, so any server instance can continue the action.
    public var checkpoint: JSONValue
    /// How long to wait before the next `poll` (zero: at once).
    public var pollAfter: Duration
    /// What is happening, for people.
    public var message: String
    /// The phase the action is in, such as `build`, when its phases are bounded separately (``ActionTimeouts``);
    /// entering a new phase starts that phase's bound.
    public var phase: String?
    /// Public facts about the work in progress for clients to show, such as a deployment's `readyState` and
    /// `inspectorUrl`. Never secrets.
    public var details: [String: JSONValue]

    public init(checkpoint: JSONValue, pollAfter: Duration, message: String, phase: String? = nil, details: [String: JSONValue] = [:]) {
        self.checkpoint = checkpoint
        self.pollAfter = pollAfter
        self.message = message
        self.phase = phase
        self.details = details
    }

    /// Progress whose checkpoint is any `Encodable` value.
    public init(
        encoding checkpoint: some Encodable, pollAfter: Duration, message: String, phase: String? = nil,
        details: [String: JSONValue] = [:]
    ) throws {
        self.init(checkpoint: try JSONValue(encoding: checkpoint), pollAfter: pollAfter, message: message, phase: phase, details: details)
    }
}
