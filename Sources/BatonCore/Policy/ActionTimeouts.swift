import Foundation

/// How long an attempt of an action may stay running, and how long each of its phases may take.
///
/// An action's deadline is the earlier of its attempt's start plus ``attempt`` and, while the action reports a
/// phase (such as `deploy`'s `build`), that phase's start plus its bound. Past it the action fails with a code and a
/// message naming what it waited for. Actions declare defaults; operators override them per action
/// (`--action-timeout deploy=2h`) or per phase (`--action-timeout deploy.build=60m`). Timeouts are operator settings,
/// not part of the definition version.
public struct ActionTimeouts: Sendable, Hashable {
    /// The bound on a whole attempt, from when it was triggered.
    public var attempt: Duration
    /// The bound on each phase, from when the action entered it, by phase name.
    public var phases: [String: Duration]

    public init(attempt: Duration, phases: [String: Duration] = [:]) {
        self.attempt = attempt
        self.phases = phases
    }

    /// This action's bounds with `overrides` applied: keys `ACTION` (the attempt) and `ACTION.PHASE`.
    public func overridden(by overrides: [String: Duration], action: String) -> ActionTimeouts {
        var result = self
        if let attempt = overrides[action] { result.attempt = attempt }
        for (key, duration) in overrides where key.hasPrefix(action + ".") {
            result.phases[String(key.dropFirst(action.count + 1))] = duration
        }
        return result
    }

    /// The bound on `phase`, or `nil` when the phase has none (the attempt's bound still holds).
    public func bound(ofPhase phase: String?) -> Duration? {
        phase.flatMap { phases[$0] }
    }
}

extension ActionTimeouts {
    /// The deadline of `action`'s attempt started at `startedAt`, now in `phase` (entered at `phaseEnteredAt`):
    /// the earlier of the attempt's bound and the phase's.
    public func deadline(action: String, startedAt: Date, phase: String?, phaseEnteredAt: Date) -> ActionDeadline {
        let attemptEnd = ActionDeadline(
            at: startedAt.addingTimeInterval(attempt.timeInterval), setting: action, limitSeconds: attempt.timeInterval
        )
        guard let phase, let bound = bound(ofPhase: phase) else { return attemptEnd }
        let phaseEnd = phaseEnteredAt.addingTimeInterval(bound.timeInterval)
        guard phaseEnd < attemptEnd.at else { return attemptEnd }
        return ActionDeadline(at: phaseEnd, setting: "\(action).\(phase)", limitSeconds: bound.timeInterval)
    }
}
