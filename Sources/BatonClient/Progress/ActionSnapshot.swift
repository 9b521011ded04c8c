import BatonCore

/// One action of one app, as a progress view shows it.
public struct ActionSnapshot: Sendable, Hashable, Identifiable {
    /// The action's id, such as `fork-repository`.
    public var id: String
    /// What it does, for people.
    public var title: String
    /// `pending`, `running`, `succeeded`, `failed` or `canceled`.
    public var state: ActionState
    /// The server's latest message about it.
    public var message: String
    /// How many times it was started (0 before its first trigger).
    public var attempt: Int
    /// Its public results (repository URL, deployment URL, DNS records).
    public var outputs: [String: JSONValue]
    /// Why it failed, when it did.
    public var error: ActionFailure?

    /// Creates an action's progress.
    public init(
        id: String, title: String, state: ActionState = .pending, message: String = "", attempt: Int = 0,
        outputs: [String: JSONValue] = [:], error: ActionFailure? = nil
    ) {
        self.id = id
        self.title = title
        self.state = state
        self.message = message
        self.attempt = attempt
        self.outputs = outputs
        self.error = error
    }

    /// Takes in what the server reported.
    mutating func update(from status: ActionStatus) {
        title = status.title
        state = status.state
        message = status.message
        attempt = status.attempt
        outputs = status.outputs
        error = status.error
    }
}
