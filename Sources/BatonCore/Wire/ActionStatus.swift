import Foundation

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
    /// How many times the action has been started (0 while pending).
    public var attempt: Int
    /// What is happening, for people.
    public var message: String
    /// How long the client should wait before asking again; `nil` once nothing will change on its own.
    public var pollAfterMs: Int?
    /// The action's public results (repository URL, deployment URL, DNS records).
    public var outputs: [String: JSONValue]
    /// Why it failed, when it failed.
    public var error: ActionFailure?
    /// When the action last changed.
    public var updatedAt: Date

    public init(
        app: String, action: String, title: String, state: ActionState, attempt: Int, message: String,
        pollAfterMs: Int?, outputs: [String: JSONValue], error: ActionFailure?, updatedAt: Date
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
    }

    enum CodingKeys: String, CodingKey {
        case app, action, title, state, attempt, message, pollAfterMs, outputs, error, updatedAt
    }

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
    }
}
