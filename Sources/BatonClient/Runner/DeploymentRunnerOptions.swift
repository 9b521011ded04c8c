/// How a ``DeploymentRunner`` drives a workflow.
public struct DeploymentRunnerOptions: Sendable {
    /// How many apps are driven at once unless told otherwise: enough to keep a workflow of hundreds of apps moving,
    /// few enough that the client holds a bounded number of connections and the providers see a steady pace.
    public static let defaultMaxConcurrentApps = 10

    /// How many apps are driven at once (default ``defaultMaxConcurrentApps``); `nil` drives them all together, 1 one
    /// after another.
    public var maxConcurrentApps: Int?
    /// How long each `status` call asks the server to wait for a change (the server caps it at its request budget).
    public var longPollMs: Int
    /// How transient failures are retried.
    public var retryPolicy: RetryPolicy
    /// Whether ``DeploymentRunner/run()`` triggers actions that already failed again (what `baton resume` does),
    /// rather than leaving their apps stopped.
    public var retriesFailedActions: Bool

    /// Creates options; by default ``defaultMaxConcurrentApps`` apps at once, 8-second long polls, the default retry
    /// policy, and failed actions left for an explicit ``DeploymentRunner/retry(app:action:)``.
    public init(
        maxConcurrentApps: Int? = defaultMaxConcurrentApps, longPollMs: Int = 8000, retryPolicy: RetryPolicy = RetryPolicy(),
        retriesFailedActions: Bool = false
    ) {
        self.maxConcurrentApps = maxConcurrentApps
        self.longPollMs = max(0, longPollMs)
        self.retryPolicy = retryPolicy
        self.retriesFailedActions = retriesFailedActions
    }
}
