/// Where one action of one app stands.
public enum ActionState: String, Codable, Sendable, CaseIterable {
    /// Not started yet.
    case pending
    /// Started; a later trigger or status request continues it.
    case running
    /// Finished with outputs.
    case succeeded
    /// Finished with an error; triggering it again starts a new attempt.
    case failed
    /// Stopped because its workflow was canceled.
    case canceled

    /// Whether no request will advance this action any more without a new trigger.
    public var isTerminal: Bool {
        self != .pending && self != .running
    }
}
