/// One kind of step of a deployment, such as forking a repository or creating a deployment.
///
/// The engine calls ``start(_:)`` once per attempt and ``poll(_:checkpoint:)`` while the action reports
/// `running`. Each call must do bounded work and return: the engine cancels it when the request's
/// budget runs out, so implementations must honour task cancellation (`Task.sleep`, AsyncHTTPClient and
/// URLSession all do). After each provider call that has an effect, an action records where it stands with
/// ``ActionContext/recordProgress(_:)``: a cut-off call then resumes from there (`poll` with that checkpoint) instead
/// of doing it again. A call cut off before it recorded anything is started again (`start`).
///
/// Actions must converge: `start` may run again after a crash, a timeout or a double click, so it must find
/// and adopt what an earlier run created rather than create it twice.
///
/// Every attempt ends: an attempt still running past its deadline (``timeouts``, which operators may override) fails,
/// with ``deadlineFailure(_:checkpoint:)`` saying why.
public protocol DeploymentAction: Sendable {
    /// Starts the action.
    func start(_ context: ActionContext) async throws -> ActionOutcome

    /// Checks on a running action, given the checkpoint its last step returned or recorded.
    func poll(_ context: ActionContext, checkpoint: JSONValue) async throws -> ActionOutcome

    /// How long an attempt and each of its phases may run. Default: 10 minutes for the attempt, no phases.
    var timeouts: ActionTimeouts { get }

    /// How the action retries provider calls that failed for a reason that may pass. Default: ``ActionRetryPolicy/standard``.
    var retryPolicy: ActionRetryPolicy { get }

    /// The failure to report when the deadline passed, given the last checkpoint (`nil` when no step recorded one).
    /// Default: ``DeadlineExceeded/failure``. An action that knows more (the provider's last refusal, say) says so.
    func deadlineFailure(_ deadline: DeadlineExceeded, checkpoint: JSONValue?) -> ActionFailure

    /// Stops the provider work a canceled action left behind (a build still running, say), given its last checkpoint.
    /// Called when the workflow is canceled, and again by later requests until it returns; it must be safe to repeat.
    /// Default: nothing to stop.
    /// - Throws: when it could not tell or could not stop; a later request tries again.
    func stop(_ context: ActionContext, checkpoint: JSONValue?) async throws -> StopOutcome
}

/// What stopping a canceled action's provider work found.
public enum StopOutcome: Sendable, Hashable {
    /// Work was stopped; the message says what, for people.
    case stopped(String)
    /// Nothing was running.
    case nothingToStop
}

extension DeploymentAction {
    public var timeouts: ActionTimeouts { ActionTimeouts(attempt: .seconds(600)) }

    public var retryPolicy: ActionRetryPolicy { .standard }

    public func deadlineFailure(_ deadline: DeadlineExceeded, checkpoint: JSONValue?) -> ActionFailure {
        deadline.failure
    }

    public func stop(_ context: ActionContext, checkpoint: JSONValue?) async throws -> StopOutcome {
        .nothingToStop
    }
}
