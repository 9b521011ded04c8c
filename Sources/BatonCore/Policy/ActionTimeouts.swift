public import Foundation

/// How long an attempt of an action may stay running, and how long each of its phases may take.
///
/// An action's deadline is the earlier of its attempt's start plus ``attempt`` and, while the action reports a
/// phase (such as `deploy`'s `build`), that phase's start plus its bound. Time spent waiting for a provider's capacity
/// (``capacityPhases``: a build slot, a content-creation slot) does not count against the attempt: while the action
/// waits there only that phase's bound holds, and the attempt's end moves later by the time waited. Past it the action fails with a code and a
/// message naming what it waited for. Actions declare defaults; operators override them per action
/// (`--action-timeout deploy=2h`) or per phase (`--action-timeout deploy.build=60m`). Timeouts are operator settings,
/// not part of the definition version.
public struct ActionTimeouts: Sendable, Hashable {
    /// The bound on a whole attempt, from when it was triggered.
    public var attempt: Duration
    /// The bound on each phase, from when the action entered it, by phase name.
    public var phases: [String: Duration]
    /// The phases that wait for a provider's capacity rather than work: excluded from the attempt's time (each should
    /// have a bound in ``phases``).
    public var capacityPhases: Set<String>

    public init(attempt: Duration, phases: [String: Duration] = [:], capacityPhases: Set<String> = []) {
        self.attempt = attempt
        self.phases = phases
        self.capacityPhases = capacityPhases
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
    /// The deadline of `action`'s attempt started at `startedAt`, now in `phase` (entered at `phaseEnteredAt`), after
    /// `capacityWaited` seconds in capacity phases before it: the earlier of the attempt's bound (moved later by that
    /// wait) and the phase's; in a capacity phase, the phase's alone.
    public func deadline(
        action: String, startedAt: Date, phase: String?, phaseEnteredAt: Date, capacityWaited: TimeInterval = 0
    ) -> ActionDeadline {
        let attemptEnd = ActionDeadline(
            at: startedAt.addingTimeInterval(attempt.seconds + capacityWaited), setting: action,
            limitSeconds: attempt.seconds
        )
        guard let phase, let bound = bound(ofPhase: phase) else { return attemptEnd }
        let phaseEnd = ActionDeadline(
            at: phaseEnteredAt.addingTimeInterval(bound.seconds), setting: "\(action).\(phase)", limitSeconds: bound.seconds
        )
        if capacityPhases.contains(phase) { return phaseEnd }
        return phaseEnd.at < attemptEnd.at ? phaseEnd : attemptEnd
    }
}
