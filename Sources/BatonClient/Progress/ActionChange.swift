import BatonCore

/// One action's visible change between two snapshots: what plain-text and JSON-lines progress logs print.
public struct ActionChange: Sendable, Hashable {
    /// The app's id.
    public var app: String
    /// The app's display name.
    public var appName: String
    /// The action as it is now.
    public var action: ActionSnapshot
}

extension DeploymentSnapshot {
    /// The actions whose state, attempt or message differ from `previous` (every started action when there is none),
    /// in plan order.
    public func actionChanges(since previous: DeploymentSnapshot?) -> [ActionChange] {
        var changes: [ActionChange] = []
        for app in apps {
            let before = previous?.apps.first { $0.id == app.id }
            for action in app.actions {
                let old = before?.action(action.id)
                let changed = old.map { $0.state != action.state || $0.attempt != action.attempt || $0.message != action.message }
                    ?? (action.state != .pending)
                if changed { changes.append(ActionChange(app: app.id, appName: app.name, action: action)) }
            }
        }
        return changes
    }
}
