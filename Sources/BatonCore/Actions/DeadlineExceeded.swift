/// An action whose deadline passed while it was running: what it was doing, and for how long.
public struct DeadlineExceeded: Sendable, Hashable {
    /// The operator setting that bounded it: the action id (the whole attempt) or `ACTION.PHASE`.
    public var setting: String
    /// The bound that passed.
    public var limit: Duration
    /// How long the attempt had been running.
    public var waited: Duration
    /// The phase it was in, if any.
    public var phase: String?
    /// The action's last message: what it was waiting for.
    public var lastMessage: String

    public init(setting: String, limit: Duration, waited: Duration, phase: String?, lastMessage: String) {
        self.setting = setting
        self.limit = limit
        self.waited = waited
        self.phase = phase
        self.lastMessage = lastMessage
    }

    /// The general failure: `deadline_exceeded`, naming what it waited for and for how long, retryable (the provider may
    /// only be slow), with the fix of waiting longer or raising the bound.
    public var failure: ActionFailure {
        ActionFailure(
            code: "deadline_exceeded",
            message: "Gave up after \(limit.spoken) (\(setting)): \(lastMessage).",
            retryable: true,
            fix: "Trigger the action again to wait another \(limit.spoken) from where it stands; an operator can raise the limit with `baton serve --action-timeout \(setting)=DURATION`."
        )
    }
}

import Foundation

extension Duration {
    /// The duration for people: `45 s`, `5 min`, `1 h 30 min`.
    public var spoken: String {
        if self.seconds < 10, self.seconds.rounded() != self.seconds {
            return String(format: "%.1f s", self.seconds)
        }
        let seconds = Int(self.seconds.rounded())
        if seconds < 60 { return "\(seconds) s" }
        if seconds < 3600 {
            return seconds % 60 == 0 ? "\(seconds / 60) min" : "\(seconds / 60) min \(seconds % 60) s"
        }
        let minutes = (seconds % 3600) / 60
        return minutes == 0 ? "\(seconds / 3600) h" : "\(seconds / 3600) h \(minutes) min"
    }
}
