public import Foundation

/// The status of one action, as `trigger` and `status` return it.
public struct ActionStatus: Codable, Sendable, Hashable {
    /// The app's catalog id.
    public var app: String
    /// The action id, such as `fork-repository`.
    public var action: String
    /// A title for people.
    public var title: String
    /// Where the action stands.
    public var state: ActionState
    /// How many times the action has been started (0 while pending). Retries of provider calls inside an attempt
    /// do not count; only triggers do.
    public var attempt: Int
    /// What is happening, for people.
    public var message: String
    /// How long the client should wait before asking again; `nil` once nothing will change on its own.
    public var pollAfterMs: Int?
    /// The action's public results (repository URL, deployment URL, DNS records).
    public var outputs: [String: JSONValue]
    /// Why it failed, when it failed; always with a `fix`.
    public var error: ActionFailure?
    /// When the action last changed.
    public var updatedAt: Date
    /// When the current attempt was triggered; `nil` while pending. Clients show the elapsed time from it.
    public var startedAt: Date?
    /// When the running attempt fails unless it finished; `nil` unless running.
    public var deadlineAt: Date?
    /// Public facts about the work in progress, such as a deployment's `deploymentId`, `readyState` and
    /// `inspectorUrl`; `nil` when the action reported none.
    public var progress: [String: JSONValue]?
    /// The action's change counter (0 before its first change): a status with a higher `sequence` is newer. Clients
    /// keep the status with the highest one, whatever order answers arrive in.
    public var sequence: Int

    public init(
        app: String, action: String, title: String, state: ActionState, attempt: Int, message: String,
        pollAfterMs: Int?, outputs: [String: JSONValue], error: ActionFailure?, updatedAt: Date,
        startedAt: Date? = nil, deadlineAt: Date? = nil, progress: [String: JSONValue]? = nil, sequence: Int = 0
    ) {
        self.app = app
        self.action = action
        self.title = title
        self.state = state
        self.attempt = attempt
        self.message = message
        self.pollAfterMs = pollAfterMs
        self.outputs = outputs
        self.error = error
        self.updatedAt = updatedAt
        self.startedAt = startedAt
        self.deadlineAt = deadlineAt
        self.progress = progress
        self.sequence = sequence
    }

    enum CodingKeys: String, CodingKey {
        case app, action, title, state, attempt, message, pollAfterMs, outputs, error, updatedAt, startedAt, deadlineAt, progress
        case sequence
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        app = try container.decode(String.self, forKey: .app)
        action = try container.decode(String.self, forKey: .action)
        title = try container.decode(String.self, forKey: .title)
        state = try container.decode(ActionState.self, forKey: .state)
        attempt = try container.decode(Int.self, forKey: .attempt)
        message = try container.decode(String.self, forKey: .message)
        pollAfterMs = try container.decodeIfPresent(Int.self, forKey: .pollAfterMs)
        outputs = try container.decodeIfPresent([String: JSONValue].self, forKey: .outputs) ?? [:]
        error = try container.decodeIfPresent(ActionFailure.self, forKey: .error)
        updatedAt = try container.decode(Date.self, forKey: .updatedAt)
        startedAt = try container.decodeIfPresent(Date.self, forKey: .startedAt)
        deadlineAt = try container.decodeIfPresent(Date.self, forKey: .deadlineAt)
        progress = try container.decodeIfPresent([String: JSONValue].self, forKey: .progress)
        sequence = try container.decodeIfPresent(Int.self, forKey: .sequence) ?? 0
    }

    /// Writes every key, `null` included, so clients see one shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(app, forKey: .app)
        try container.encode(action, forKey: .action)
        try container.encode(title, forKey: .title)
        try container.encode(state, forKey: .state)
        try container.encode(attempt, forKey: .attempt)
        try container.encode(message, forKey: .message)
        try container.encode(pollAfterMs, forKey: .pollAfterMs)
        try container.encode(outputs, forKey: .outputs)
        try container.encode(error, forKey: .error)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(deadlineAt, forKey: .deadlineAt)
        try container.encode(progress, forKey: .progress)
        try container.encode(sequence, forKey: .sequence)
    }

    /// The action's outputs as `type`; `nil` until it succeeded, and when they do not decode as `type`.
    public func output<Output: ActionOutput>(_ type: Output.Type) -> Output? {
        state == .succeeded ? try? JSONValue.object(outputs).decode(as: type) : nil
    }
}
