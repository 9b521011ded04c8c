import BatonClient
import BatonCore
import Foundation
import Observation
import Synchronization
import Testing

/// The observable model a SwiftUI view binds to, fed by a runner against a live server.
@Suite("Deployment progress model")
@MainActor
struct DeploymentProgressModelTests {
    @Test func followsARunnerToTheEndAndNotifiesObservers() async throws {
        try await LiveBaton.run { @MainActor baton in
            let runner = try await DeploymentRunner.start(
                threeApps(), client: baton.client(), options: DeploymentRunnerOptions(maxConcurrentApps: 1))
            let model = DeploymentProgressModel()
            #expect(!model.isDeploying && model.apps.isEmpty && model.currentAppIndex == nil)
            let seen = await model.observe(runner)
            #expect(seen.sawDeploying)
            #expect(seen.appIndices == [0, 1, 2], "the current app moved through the apps in order")
            #expect(seen.finalComplete)
            #expect(seen.changeNotifications > 3)
        }
    }

    @Test func showsTheCurrentAppAndActionOfASnapshot() {
        let model = DeploymentProgressModel()
        var snapshot = DeploymentSnapshot(workflowID: "wf_1", apps: [
            AppSnapshot(id: "a", name: "A", actions: [ActionSnapshot(id: "x", title: "X", state: .succeeded)]),
            AppSnapshot(id: "b", name: "B", actions: [
                ActionSnapshot(id: "x", title: "X", state: .succeeded), ActionSnapshot(id: "y", title: "Y", state: .running),
                ActionSnapshot(id: "z", title: "Z"),
            ]),
            AppSnapshot(id: "c", name: "C", actions: [ActionSnapshot(id: "x", title: "X")]),
        ], isDriving: true)
        model.show(snapshot)
        #expect(model.isDeploying && model.currentAppIndex == 1 && model.currentActionIndex == 1)
        #expect(!model.isComplete)
        snapshot.apps[1].actions[1].state = .failed
        snapshot.isDriving = false
        model.show(snapshot)
        #expect(model.currentAppIndex == 2 && model.currentActionIndex == 0, "a failed app is no longer current")
        #expect(!model.isDeploying)
    }
}

/// What an observer of the model saw while it followed a runner.
@MainActor
final class ObservedProgress {
    var sawDeploying = false
    var appIndices: [Int] = []
    var finalComplete = false
    var changeNotifications = 0

    /// Notes the model's current app and whether it is deploying.
    func record(_ model: DeploymentProgressModel) {
        if model.isDeploying { sawDeploying = true }
        if let index = model.currentAppIndex, appIndices.last != index { appIndices.append(index) }
    }

    /// Records the model now and after every change to the properties a progress view reads.
    func track(_ model: DeploymentProgressModel) {
        withObservationTracking {
            _ = (model.isDeploying, model.currentAppIndex, model.apps)
        } onChange: {
            Task { @MainActor in
                self.changeNotifications += 1
                self.record(model)
                self.track(model)
            }
        }
    }
}

extension DeploymentProgressModel {
    /// Drives `runner` through the model while tracking its observable properties, and reports what changed.
    func observe(_ runner: DeploymentRunner) async -> ObservedProgress {
        let observed = ObservedProgress()
        observed.track(self)
        await drive(runner)
        observed.record(self)
        observed.finalComplete = isComplete && !isDeploying
        return observed
    }
}
