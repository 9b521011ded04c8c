import ArgumentParser

/// `--action-timeout ACTION=DURATION` or `ACTION.PHASE=DURATION`: an operator's bound on an action's attempts, or on
/// one phase of them (such as `deploy.build=60m`).
struct ActionTimeoutArgument: ExpressibleByArgument, Sendable {
    /// `deploy` or `deploy.build`.
    let setting: String
    let duration: Duration

    init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, let duration = DurationArgument(argument: parts[1])?.duration,
              duration > .zero else { return nil }
        setting = parts[0]
        self.duration = duration
    }

    /// The settings as the engine takes them; a later one for the same key wins.
    static func settings(_ arguments: [ActionTimeoutArgument]) -> [String: Duration] {
        var settings: [String: Duration] = [:]
        for argument in arguments { settings[argument.setting] = argument.duration }
        return settings
    }
}
