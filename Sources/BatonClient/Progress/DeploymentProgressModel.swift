public import BatonCore
public import Observation

/// What a progress view binds to: the apps and their actions, which one is current, and whether a deployment is
/// being driven. Feed it with ``drive(_:)``, or with ``show(_:)`` from your own loop.
///
/// ```swift
/// @State private var progress = DeploymentProgressModel()
/// …
/// .task { await progress.drive(runner) }
/// ```
@MainActor
@Observable
public final class DeploymentProgressModel {
    /// The workflow being shown.
    public private(set) var workflowID: String?
    /// Every app, in plan order, with its actions.
    public private(set) var apps: [AppSnapshot] = []
    /// Whether a runner is driving the deployment.
    public private(set) var isDeploying = false
    /// The app to keep expanded: the first running, else the first not started; `nil` once all finished.
    public private(set) var currentAppIndex: Int?
    /// The current app's first action not yet succeeded.
    public private(set) var currentActionIndex: Int?
    /// A transient problem being retried, for a small notice.
    public private(set) var notice: String?
    /// Why driving stopped early (the server unreachable, a request rejected), when it did.
    public private(set) var failure: String?

    /// An empty model.
    public init() {}

    /// Whether every action succeeded.
    public var isComplete: Bool { !apps.isEmpty && apps.allSatisfy { $0.state == .succeeded } }

    /// Every app's domain with the DNS records to create for it (``AppSnapshot/dns``), in plan order.
    public var dnsRecords: [PresentDNSOutput] { apps.compactMap(\.dns) }

    /// Shows `snapshot`.
    public func show(_ snapshot: DeploymentSnapshot) {
        if workflowID != snapshot.workflowID { workflowID = snapshot.workflowID }
        if apps != snapshot.apps { apps = snapshot.apps }
        if isDeploying != snapshot.isDriving { isDeploying = snapshot.isDriving }
        if currentAppIndex != snapshot.currentAppIndex { currentAppIndex = snapshot.currentAppIndex }
        if currentActionIndex != snapshot.currentActionIndex { currentActionIndex = snapshot.currentActionIndex }
        if notice != snapshot.notice { notice = snapshot.notice }
    }

    /// Runs `runner` to its end while showing its progress; a failure to drive lands in ``failure``.
    public func drive(_ runner: DeploymentRunner) async {
        await follow(runner) { try await runner.run() }
    }

    /// Retries a failed action with `runner` while showing its progress.
    public func retry(app: String, action: String, with runner: DeploymentRunner) async {
        await follow(runner) { try await runner.retry(app: app, action: action) }
    }

    private func follow(_ runner: DeploymentRunner, _ work: @escaping @Sendable () async throws -> DeploymentSnapshot) async {
        failure = nil
        let progress = runner.progress
        async let outcome: String? = {
            do {
                _ = try await work()
                return nil
            } catch is CancellationError {
                return nil
            } catch {
                return "\(error)"
            }
        }()
        for await snapshot in progress { show(snapshot) }
        failure = await outcome
        show(await runner.currentSnapshot)
    }
}
