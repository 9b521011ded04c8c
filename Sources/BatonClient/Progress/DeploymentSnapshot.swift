public import BatonCore

/// Everything a progress view needs about a deployment at one moment.
public struct DeploymentSnapshot: Sendable, Hashable {
    /// The workflow's id.
    public var workflowID: String
    /// Every app, in plan order.
    public var apps: [AppSnapshot]
    /// Whether a runner is driving the workflow right now.
    public var isDriving: Bool
    /// A transient problem being ridden out ("could not connect …; retrying in 0.8 s"), `nil` when all is well.
    public var notice: String?

    /// Creates a snapshot.
    public init(workflowID: String, apps: [AppSnapshot], isDriving: Bool = false, notice: String? = nil) {
        self.workflowID = workflowID
        self.apps = apps
        self.isDriving = isDriving
        self.notice = notice
    }

    /// A snapshot with every action of `plan` not started yet.
    public init(plan: InitResponse) {
        self.init(workflowID: plan.workflowID, apps: plan.apps.map { app in
            AppSnapshot(id: app.id, name: app.name, actions: app.actions.map { ActionSnapshot(id: $0.id, title: $0.title) })
        })
    }

    /// A snapshot of what the server reported for the whole workflow.
    public init(status: WorkflowStatus) {
        self.init(workflowID: status.workflowID, apps: status.apps.map { app in
            AppSnapshot(id: app.id, name: app.name, actions: app.actions.map { action in
                var progress = ActionSnapshot(id: action.action, title: action.title)
                progress.update(from: action)
                return progress
            })
        })
    }

    /// The workflow's state, summarized from its apps.
    public var state: ActionState { apps.map(\.state).summarized() }

    /// Whether every action succeeded.
    public var isComplete: Bool { state == .succeeded }

    /// The app a progress view keeps expanded: the first one running, else the first not started; `nil` when every
    /// app has finished (succeeded, failed or canceled).
    public var currentAppIndex: Int? {
        apps.firstIndex { $0.state == .running } ?? apps.firstIndex { $0.state == .pending }
    }

    /// The current app's first action not yet succeeded.
    public var currentActionIndex: Int? {
        currentAppIndex.flatMap { apps[$0].currentActionIndex }
    }

    /// Every app's domain with the DNS records to create for it (``AppSnapshot/dns``), in plan order.
    public var dnsRecords: [PresentDNSOutput] { apps.compactMap(\.dns) }

    /// Records what the server reported about one action, unless the snapshot shows a newer status of it already.
    /// - Returns: `false` when the snapshot has no such action or the status was older.
    @discardableResult
    mutating func update(from status: ActionStatus) -> Bool {
        guard let appIndex = apps.firstIndex(where: { $0.id == status.app }),
              let actionIndex = apps[appIndex].actions.firstIndex(where: { $0.id == status.action })
        else { return false }
        return apps[appIndex].actions[actionIndex].update(from: status)
    }

    /// Records every action of a whole-workflow status, each only when it is newer than what the snapshot shows.
    mutating func update(from status: WorkflowStatus) {
        for app in status.apps {
            for action in app.actions { update(from: action) }
        }
    }

    /// Takes every action of `other` (a snapshot of the same workflow) whose `sequence` is higher than this one's.
    mutating func update(from other: DeploymentSnapshot) {
        for app in other.apps {
            guard let appIndex = apps.firstIndex(where: { $0.id == app.id }) else { continue }
            for action in app.actions {
                guard let actionIndex = apps[appIndex].actions.firstIndex(where: { $0.id == action.id }),
                      action.sequence > apps[appIndex].actions[actionIndex].sequence
                else { continue }
                apps[appIndex].actions[actionIndex] = action
            }
        }
    }
}
