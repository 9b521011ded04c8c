public import Foundation

/// The workflow's state transitions, as pure functions of the record and the time.
/// The engine calls them inside compare-and-set updates; tests call them directly.
extension WorkflowRecord {
    /// What a request may do next with a running action it has claimed.
    public enum Step: Sendable, Hashable {
        /// Call `start`: the attempt began but its start has not completed.
        case start
        /// Call `poll` with this checkpoint.
        case poll(JSONValue)
        /// The action's deadline passed: record its failure (the checkpoint is the last one stored, if any).
        case expire(checkpoint: JSONValue?)
    }

    /// Begins a new attempt of a pending or failed action and claims it with `lease`; the attempt must end within
    /// `timeouts`.
    /// - Returns: `true` when an attempt began; `false` when the action is running or succeeded (nothing to start).
    /// - Throws: ``APIError`` `workflow_canceled`, or `action_blocked` naming the dependencies that have not succeeded.
    public mutating func beginAttempt(
        _ index: ActionIndex, lease: ActionLease, timeouts: ActionTimeouts, now: Date
    ) throws(APIError) -> Bool {
        guard !canceled else {
            throw APIError(.workflowCanceled, "The workflow was canceled; nothing more can be started.")
        }
        let action = self[index]
        guard action.state == .pending || action.state == .failed else { return false }
        let appActions = apps[index.app].actions
        let unmet = action.dependsOn.filter { dependency in
            appActions.first { $0.id == dependency }?.state != .succeeded
        }
        guard unmet.isEmpty else {
            throw APIError(
                .actionBlocked,
                "\(action.id) waits for \(unmet.joined(separator: ", ")) to succeed first.",
                details: unmet.map { FieldIssue(path: "action", message: "depends on \($0), which has not succeeded") }
            )
        }
        var updated = action
        updated.state = .running
        updated.attempt += 1
        updated.message = "Starting"
        updated.outputs = [:]
        updated.error = nil
        updated.checkpoint = nil
        updated.nextPollAt = nil
        updated.lease = lease
        updated.startedAt = now
        updated.phase = nil
        updated.phaseEnteredAt = nil
        updated.capacityWaitSeconds = nil
        updated.deadline = timeouts.deadline(action: action.id, startedAt: now, phase: nil, phaseEnteredAt: now)
        updated.progress = nil
        updated.pendingStop = nil
        apply(updated, at: index, now: now)
        return true
    }

    /// Claims a running action for one step when nobody holds it and it is due, or when its deadline passed.
    /// - Returns: the step to take, or `nil` when the action is not running, is held by another request, or is not due.
    public mutating func claimStep(_ index: ActionIndex, lease: ActionLease, now: Date) -> Step? {
        var action = self[index]
        guard !canceled, action.state == .running, !(action.lease?.isHeld(at: now) ?? false) else { return nil }
        let step: Step
        if let deadline = action.deadline, deadline.at <= now {
            step = .expire(checkpoint: action.checkpoint)
        } else if let checkpoint = action.checkpoint {
            guard (action.nextPollAt ?? now) <= now else { return nil }
            step = .poll(checkpoint)
        } else {
            step = .start
        }
        action.lease = lease
        self[index] = action
        return step
    }

    /// Records what a step ended with, when `leaseID` still holds the action.
    /// - Parameters:
    ///   - consumesEnvValues: whether the app's sealed env values are erased once the action succeeds.
    ///   - timeouts: the action's bounds, for the deadline of a phase it enters.
    /// - Returns: `false` when the lease was lost (another request took over, or the workflow was canceled).
    public mutating func record(
        _ outcome: ActionOutcome, _ index: ActionIndex, leaseID: String, consumesEnvValues: Bool, timeouts: ActionTimeouts,
        now: Date
    ) -> Bool {
        var action = self[index]
        guard action.state == .running, action.lease?.id == leaseID else { return false }
        action.lease = nil
        switch outcome {
        case .running(let progress):
            action.apply(progress, timeouts: timeouts, now: now)
            action.nextPollAt = now.addingTimeInterval(progress.pollAfter.seconds)
        case .succeeded(let outputs, let message):
            action.state = .succeeded
            action.outputs = outputs
            action.message = message
            action.checkpoint = nil
            action.nextPollAt = nil
            action.deadline = nil
            if consumesEnvValues { sealedEnv[apps[index.app].id] = nil }
        case .failed(let failure):
            action.state = .failed
            action.error = failure
            action.message = failure.message
            action.checkpoint = nil
            action.nextPollAt = nil
            action.deadline = nil
        }
        apply(action, at: index, now: now)
        // Only a success can finish the app; the running and failed outcomes of every poll skip this walk.
        if case .succeeded = outcome, apps[index.app].hasSucceeded { eraseHandedSecrets(ofApp: index.app) }
        return true
    }

    /// Stores the secrets a step hands to later actions of its app (sealed), when `leaseID` still holds the action.
    /// - Returns: `false` when the lease was lost.
    public mutating func recordHandedSecrets(_ sealed: Data, _ index: ActionIndex, leaseID: String) -> Bool {
        guard self[index].state == .running, self[index].lease?.id == leaseID else { return false }
        apps[index.app].actions[index.action].handedSecrets = sealed
        return true
    }

    /// Forgets what the app's actions handed each other: nothing is left to run that needs it.
    private mutating func eraseHandedSecrets(ofApp app: Int) {
        for action in apps[app].actions.indices where apps[app].actions[action].handedSecrets != nil {
            apps[app].actions[action].handedSecrets = nil
        }
    }

    /// Stores progress a step recorded before going on, when `leaseID` still holds the action: the checkpoint (due at
    /// once, so a request that takes over resumes there), the message, the phase and its details. The claim stays.
    /// - Returns: `false` when the lease was lost.
    public mutating func recordProgress(
        _ progress: ActionProgress, _ index: ActionIndex, leaseID: String, timeouts: ActionTimeouts, now: Date
    ) -> Bool {
        var action = self[index]
        guard action.state == .running, action.lease?.id == leaseID else { return false }
        action.apply(progress, timeouts: timeouts, now: now)
        action.nextPollAt = now
        apply(action, at: index, now: now)
        return true
    }

    /// Gives up a claim without a result (the step ran out of time); the next request continues the action.
    /// - Returns: `false` when the lease was already lost.
    public mutating func releaseLease(_ index: ActionIndex, leaseID: String, message: String, now: Date) -> Bool {
        var action = self[index]
        guard action.state == .running, action.lease?.id == leaseID else { return false }
        action.lease = nil
        action.message = message
        apply(action, at: index, now: now)
        return true
    }

    /// Cancels the workflow: every pending or running action becomes canceled; finished ones stay as they are.
    /// Running ones keep their checkpoint and get a ``PendingStop``: the provider work they started is stopped next.
    /// - Returns: the actions this canceled, in plan order (none when the workflow was canceled already).
    @discardableResult
    public mutating func cancel(now: Date) -> [ActionIndex] {
        guard !canceled else { return [] }
        canceled = true
        var canceledActions: [ActionIndex] = []
        for appIndex in apps.indices {
            for actionIndex in apps[appIndex].actions.indices {
                var action = apps[appIndex].actions[actionIndex]
                guard !action.state.isTerminal else { continue }
                if action.state == .running {
                    let heldUntil = action.lease.map { max($0.expiresAt, now) } ?? now
                    action.pendingStop = PendingStop(since: now, notBefore: heldUntil)
                    action.message = Self.stoppingMessage
                } else {
                    action.message = "Canceled"
                }
                action.state = .canceled
                action.lease = nil
                action.nextPollAt = nil
                action.deadline = nil
                let index = ActionIndex(app: appIndex, action: actionIndex)
                apply(action, at: index, now: now)
                canceledActions.append(index)
            }
        }
        sealedEnv = [:]
        for app in apps.indices { eraseHandedSecrets(ofApp: app) }
        updatedAt = now
        return canceledActions
    }

    /// Records a try at stopping a canceled action's provider work: done when `outcome` is set and the try began at
    /// or after the stop's `notBefore`; otherwise the stop stays pending with `problem`.
    /// Two requests may try at once (a `cancel` and a long poll of the action): when the other finished the stop first
    /// with nothing left to stop — because this try stopped it — this try's account of what it stopped is kept.
    /// - Returns: `false` when nothing changed (no pending stop, and nothing to add).
    public mutating func recordStop(_ index: ActionIndex, outcome: StopOutcome?, problem: String?, triedAt: Date, now: Date) -> Bool {
        var action = self[index]
        guard var stop = action.pendingStop else {
            guard case .stopped(let what)? = outcome, action.state == .canceled, !action.message.hasPrefix("Canceled; ") else {
                return false
            }
            action.message = "Canceled; \(what)"
            apply(action, at: index, now: now)
            return true
        }
        if let outcome, triedAt >= stop.notBefore {
            action.pendingStop = nil
            switch outcome {
            case .stopped(let what): action.message = "Canceled; \(what)"
            case .nothingToStop:
                // An earlier try may have stopped something already; its message stays.
                if action.message == Self.stoppingMessage { action.message = "Canceled" }
            }
        } else {
            stop.lastProblem = problem
            action.pendingStop = stop
            if case .stopped(let what) = outcome { action.message = "Canceled; \(what)" }
        }
        apply(action, at: index, now: now)
        return true
    }

    /// The message of a canceled action whose provider work is still being stopped.
    static let stoppingMessage = "Canceled; stopping what it started"

    /// Stores an updated action, stamping its time, advancing its ``ActionRecord/sequence`` and recording a history entry
    /// when its state changed.
    private mutating func apply(_ updated: ActionRecord, at index: ActionIndex, now: Date) {
        var updated = updated
        let previous = self[index]
        updated.updatedAt = now
        updated.sequence = (previous.sequence ?? 0) + 1
        if previous.state != updated.state {
            history.append(HistoryEntry(
                at: now, app: apps[index.app].id, action: updated.id, from: previous.state, to: updated.state,
                attempt: updated.attempt, message: updated.message
            ))
        }
        self[index] = updated
    }
}

extension ActionRecord {
    /// Takes a step's progress: checkpoint, message, details, and the phase, whose bound starts when it is entered.
    /// Leaving a phase that waited for a provider's capacity adds the time spent there to what the attempt's deadline
    /// leaves out.
    mutating func apply(_ progress: ActionProgress, timeouts: ActionTimeouts, now: Date) {
        checkpoint = progress.checkpoint
        message = progress.message
        if !progress.details.isEmpty { self.progress = progress.details }
        if progress.phase != phase {
            if let left = phase, timeouts.capacityPhases.contains(left), let entered = phaseEnteredAt {
                capacityWaitSeconds = (capacityWaitSeconds ?? 0) + max(0, now.timeIntervalSince(entered))
            }
            phase = progress.phase
            phaseEnteredAt = now
            deadline = timeouts.deadline(
                action: id, startedAt: startedAt ?? now, phase: phase, phaseEnteredAt: now, capacityWaited: capacityWaitSeconds ?? 0
            )
        }
    }
}
