public import Foundation
public import BatonCore

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
    /// Why it failed, when it did, with what to do about it (``ActionFailure/fix``).
    public var error: ActionFailure?
    /// When the current attempt was triggered (server time); `nil` before the first.
    public var startedAt: Date?
    /// While running, when the attempt fails unless it finished (server time).
    public var deadlineAt: Date?
    /// Public facts about the work in progress, such as a deployment's `readyState` and `inspectorUrl`.
    public var progress: [String: JSONValue]?
    /// The server's change counter of the status shown (``ActionStatus/sequence``); an older status never replaces it.
    public var sequence: Int = -1

    /// Creates an action's progress.
    public init(
        id: String, title: String, state: ActionState = .pending, message: String = "", attempt: Int = 0,
        outputs: [String: JSONValue] = [:], error: ActionFailure? = nil, startedAt: Date? = nil, deadlineAt: Date? = nil,
        progress: [String: JSONValue]? = nil
    ) {
        self.id = id
        self.title = title
        self.state = state
        self.message = message
        self.attempt = attempt
        self.outputs = outputs
        self.error = error
        self.startedAt = startedAt
        self.deadlineAt = deadlineAt
        self.progress = progress
    }

    /// Its outputs as `type`; `nil` until it succeeded, and when they do not decode as `type`.
    public func output<Output: ActionOutput>(_ type: Output.Type) -> Output? {
        state == .succeeded ? try? JSONValue.object(outputs).decode(as: type) : nil
    }

    /// How long the running attempt has run at `now` (never negative); `nil` unless running with a known start.
    public func elapsed(at now: Date) -> Duration? {
        guard state == .running, let startedAt else { return nil }
        return .milliseconds(Int(max(0, now.timeIntervalSince(startedAt)) * 1000))
    }

    /// Takes in what the server reported, unless it is older than what is shown (a late or reordered answer).
    /// - Returns: whether it was taken.
    @discardableResult
    mutating func update(from status: ActionStatus) -> Bool {
        guard status.sequence >= sequence else { return false }
        sequence = status.sequence
        title = status.title
        state = status.state
        message = status.message
        attempt = status.attempt
        outputs = status.outputs
        error = status.error
        startedAt = status.startedAt
        deadlineAt = status.deadlineAt
        progress = status.progress
        return true
    }
}
