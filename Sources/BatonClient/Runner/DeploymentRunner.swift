public import BatonCore

/// Drives one workflow from the client side: triggers each app's actions in order and follows each with long-polled
/// `status` calls until it finishes, publishing a ``DeploymentSnapshot`` after every change.
///
/// ```swift
/// let client = BatonClient(serverURL: URL(string: "http://127.0.0.1:8080")!)
/// let runner = try await DeploymentRunner.start(request, client: client)
/// let progress = runner.progress
/// async let final = runner.run()
/// for await snapshot in progress { render(snapshot) }
/// print(try await final.state)
/// ```
///
/// The runner keeps no state the server does not have: ``resume(_:client:options:after:)`` in another process continues
/// from the workflow's id and token. Cancelling the task that calls ``run()`` stops driving and leaves the workflow
/// resumable; ``cancel()`` cancels the workflow on the server.
public actor DeploymentRunner {
    /// The workflow's id and token.
    public nonisolated let credentials: WorkflowCredentials
    /// The server's client.
    public nonisolated let client: BatonClient
    /// How the runner drives.
    public nonisolated let options: DeploymentRunnerOptions
    private var snapshot: DeploymentSnapshot
    private var activeSessions = 0
    private let broadcaster: SnapshotBroadcaster

    /// A runner for a workflow whose state is `snapshot`.
    init(credentials: WorkflowCredentials, snapshot: DeploymentSnapshot, client: BatonClient, options: DeploymentRunnerOptions) {
        self.credentials = credentials
        self.client = client
        self.options = options
        self.snapshot = snapshot
        broadcaster = SnapshotBroadcaster(snapshot)
    }

    /// A runner for a workflow you created with ``BatonClient/initialize(_:)``.
    public init(plan: InitResponse, client: BatonClient, options: DeploymentRunnerOptions = DeploymentRunnerOptions()) {
        self.init(
            credentials: WorkflowCredentials(workflowID: plan.workflowID, token: plan.token),
            snapshot: DeploymentSnapshot(plan: plan), client: client, options: options)
    }

    /// Sends `init` (retrying transient failures, each told to `onRetry` before its wait: a 429 `rate_limited` may
    /// wait a minute) and returns a runner for the new workflow. Throws ``BatonClientError/api(status:_:retryAfter:)``
    /// with every field problem when the server rejects the request.
    public static func start(
        _ request: InitRequest, client: BatonClient, options: DeploymentRunnerOptions = DeploymentRunnerOptions(),
        onRetry: @Sendable (RetryNotice) async -> Void = { _ in }
    ) async throws -> DeploymentRunner {
        let plan = try await options.retryPolicy.run(
            { () async throws(BatonClientError) in try await client.initialize(request) }, onRetry: onRetry)
        return DeploymentRunner(plan: plan, client: client, options: options)
    }

    /// A runner for an existing workflow, from its id and token: reads the whole-workflow status so ``run()``
    /// continues where the workflow stands, whichever process or machine started it.
    ///
    /// Pass the last snapshot shown before (`earlier`, e.g. an interrupted runner's ``currentSnapshot``) and no action
    /// moves back from it: an action whose status in `earlier` carries a higher `sequence` than the server's answer
    /// (a read that lagged behind, or crossed a newer answer) keeps the status from `earlier`.
    public static func resume(
        _ credentials: WorkflowCredentials, client: BatonClient, options: DeploymentRunnerOptions = DeploymentRunnerOptions(),
        after earlier: DeploymentSnapshot? = nil
    ) async throws -> DeploymentRunner {
        let status = try await options.retryPolicy.run { () async throws(BatonClientError) in
            try await client.workflowStatus(credentials)
        }
        var snapshot = DeploymentSnapshot(status: status)
        if let earlier, earlier.workflowID == credentials.workflowID { snapshot.update(from: earlier) }
        return DeploymentRunner(credentials: credentials, snapshot: snapshot, client: client, options: options)
    }

    /// The latest snapshot.
    public var currentSnapshot: DeploymentSnapshot { snapshot }

    /// Snapshots, starting with the latest, until the current (or next) driving session ends — or at once when the
    /// runner is idle and every app has finished.
    public nonisolated var progress: AsyncStream<DeploymentSnapshot> { broadcaster.subscribe() }

    /// Drives every unfinished app to its end, up to ``DeploymentRunnerOptions/maxConcurrentApps`` at a time. A failed
    /// action stops its own app; the others go on. Returns the final snapshot (check its `state`); throws when the
    /// server stays unreachable, rejects a request for good, or the task is cancelled.
    @discardableResult
    public func run() async throws -> DeploymentSnapshot {
        let apps = snapshot.apps.filter { !$0.state.isTerminal || (options.retriesFailedActions && $0.state == .failed) }.map(\.id)
        return try await driving {
            try await withThrowingTaskGroup(of: Void.self) { group in
                var waiting = apps.makeIterator()
                let limit = max(1, options.maxConcurrentApps ?? apps.count)
                for _ in 0..<limit {
                    guard let app = waiting.next() else { break }
                    group.addTask { try await self.drive(app: app, retryingFailed: self.options.retriesFailedActions) }
                }
                while try await group.next() != nil {
                    guard let app = waiting.next() else { continue }
                    group.addTask { try await self.drive(app: app, retryingFailed: self.options.retriesFailedActions) }
                }
            }
        }
    }

    /// Tries a failed action again and drives its app on to the end. Returns the snapshot once that app stops; does
    /// nothing when the action is running or finished.
    @discardableResult
    public func retry(app: String, action: String) async throws -> DeploymentSnapshot {
        try await driving {
            guard let appProgress = snapshot.apps.first(where: { $0.id == app }) else {
                throw BatonClientError.api(status: 404, APIError(.unknownApp, "The workflow has no app \(app)."), retryAfter: nil)
            }
            guard let failed = appProgress.action(action) else {
                throw BatonClientError.api(status: 404, APIError(.unknownAction, "App \(app) has no action \(action)."), retryAfter: nil)
            }
            guard failed.state == .failed || failed.state == .pending else { return }
            try await self.drive(app: app, retryingFailed: true)
        }
    }

    /// Cancels the workflow on the server: every action not finished becomes `canceled`, and drivers stop.
    @discardableResult
    public func cancel() async throws -> DeploymentSnapshot {
        let credentials = credentials
        let client = client
        let status = try await options.retryPolicy.run(
            { () async throws(BatonClientError) in try await client.cancel(credentials) },
            onRetry: { await self.note($0) })
        replace(with: status)
        return snapshot
    }

    // MARK: - State changes, each published

    /// Runs `body` as a driving session: ``DeploymentSnapshot/isDriving`` is true while any session runs, and the
    /// progress streams finish when the last one ends.
    private func driving(_ body: () async throws -> Void) async throws -> DeploymentSnapshot {
        activeSessions += 1
        snapshot.isDriving = true
        broadcaster.publish(snapshot)
        do {
            try await body()
        } catch {
            endSession()
            throw error
        }
        endSession()
        return snapshot
    }

    private func endSession() {
        activeSessions -= 1
        snapshot.isDriving = activeSessions > 0
        if !snapshot.isDriving { snapshot.notice = nil }
        broadcaster.publish(snapshot, sessionEnded: !snapshot.isDriving)
    }

    /// Records what the server reported about one action.
    func record(_ status: ActionStatus) {
        let noticeCleared = snapshot.notice != nil
        snapshot.notice = nil
        if snapshot.update(from: status) || noticeCleared { broadcaster.publish(snapshot) }
    }

    /// Takes in the server's whole-workflow report: each action where it is newer than what the snapshot shows.
    func replace(with status: WorkflowStatus) {
        snapshot.update(from: status)
        broadcaster.publish(snapshot)
    }

    /// Shows a transient failure being retried.
    func note(_ notice: RetryNotice) {
        snapshot.notice = notice.description
        broadcaster.publish(snapshot)
    }

    /// One action's latest progress.
    func progress(app: String, actionIndex: Int) -> ActionSnapshot? {
        guard let app = snapshot.apps.first(where: { $0.id == app }), app.actions.indices.contains(actionIndex) else { return nil }
        return app.actions[actionIndex]
    }

    /// How many actions `app` has.
    func actionCount(app: String) -> Int {
        snapshot.apps.first { $0.id == app }?.actions.count ?? 0
    }
}
