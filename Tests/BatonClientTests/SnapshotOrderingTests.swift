import BatonCore
import Foundation
import Testing

@testable import BatonClient

/// A snapshot keeps each action's newest status by the server's `sequence`, whatever order answers arrive in.
@Suite("Snapshot ordering")
struct SnapshotOrderingTests {
    private func status(_ state: ActionState, sequence: Int) -> ActionStatus {
        ActionStatus(
            app: "a", action: "x", title: "X", state: state, attempt: 1, message: "\(state)", pollAfterMs: nil, outputs: [:],
            error: nil, updatedAt: Date(timeIntervalSince1970: 0), sequence: sequence
        )
    }

    @Test func aLateOlderStatusDoesNotReplaceANewerOne() {
        var snapshot = DeploymentSnapshot(workflowID: "wf_1", apps: [
            AppSnapshot(id: "a", name: "A", actions: [ActionSnapshot(id: "x", title: "X")]),
        ])
        let first = snapshot.update(from: status(.running, sequence: 1))
        let newer = snapshot.update(from: status(.succeeded, sequence: 3))
        let late = snapshot.update(from: status(.running, sequence: 2))
        #expect(first && newer)
        #expect(!late, "a late long poll")
        #expect(snapshot.apps[0].actions[0].state == .succeeded)

        let stale = WorkflowStatus(
            workflowID: "wf_1", state: .running, definitionVersion: "v",
            apps: [AppStatus(id: "a", name: "A", state: .running, actions: [status(.running, sequence: 1)])], history: []
        )
        snapshot.update(from: stale)
        #expect(snapshot.apps[0].actions[0].state == .succeeded, "a whole-workflow status read before the newer answer")
    }
}
