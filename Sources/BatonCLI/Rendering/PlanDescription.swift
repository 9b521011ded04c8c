import BatonClient
import BatonCore
import Foundation

/// The plan as `init` returned it, printed before the progress: each app with its actions in order.
struct PlanDescription {
    /// The snapshot right after `init` (or a resume).
    let snapshot: DeploymentSnapshot

    /// The lines, without line breaks.
    var lines: [String] {
        let actions = snapshot.apps.map(\.actions.count).reduce(0, +)
        let apps = snapshot.apps.count == 1 ? "1 app" : "\(snapshot.apps.count) apps"
        return ["Workflow \(snapshot.workflowID): \(apps), \(actions) actions"]
            + snapshot.apps.map { app in "  \(app.name): " + app.actions.map(\.title).joined(separator: " → ") }
    }
}
