/// One kind of step of a deployment, such as forking a repository or creating a deployment.
///
/// The engine calls ``start(_:)`` once per attempt and ``poll(_:checkpoint:)`` while the action reports
/// `running`. Each call must do bounded work and return: the engine cancels it when the request's
/// budget runs out, so implementations must honour task cancellation (`Task.sleep`, AsyncHTTPClient and
/// URLSession all do). A cut-off call leaves the action running; the next request calls `start` again (when
/// `start` never returned) or `poll` with the last checkpoint.
///
/// Actions must converge: `start` may run again after a crash, a timeout or a double click, so it must find
/// and adopt what an earlier run created rather than create it twice.
public protocol DeploymentAction: Sendable {
    /// Starts the action.
    func start(_ context: ActionContext) async throws -> ActionOutcome

    /// Checks on a running action, given the checkpoint its last step returned.
    func poll(_ context: ActionContext, checkpoint: JSONValue) async throws -> ActionOutcome
}
