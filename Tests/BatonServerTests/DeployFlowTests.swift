import BatonCore
import Foundation
import BatonTestSupport
import Testing

@Suite("Driving a workflow over HTTP")
struct DeployFlowTests {
    @Test func threeAppsRunInOrderToTheEnd() async throws {
        let server = try LiveServer(.succeedAfterPolls(2, pollAfter: .milliseconds(20)))
        try await server.run { client in
            let (reply, workflow) = try await client.initialize()
            #expect(reply.status == 201)
            #expect(workflow.workflowID.hasPrefix("wf_") && workflow.token.hasPrefix("bt_"))
            #expect(workflow.apps.map(\.id) == ["app-a", "app-b", "app-c"])
            #expect(workflow.apps[0].actions.map(\.id) == ["fork-repository", "create-project", "configure-env", "deploy", "assign-domain", "present-dns"])
            #expect(workflow.apps[1].actions.map(\.id) == ["fork-repository", "create-project", "deploy", "assign-domain", "present-dns"])
            var requests = 0
            for app in workflow.apps {
                for action in app.actions {
                    let triggered = try await client.trigger(workflow, app.id, action.id)
                    requests += 1
                    #expect(triggered.status == 202, "\(app.id)/\(action.id) runs past its trigger")
                    #expect(triggered["state"] == "running")
                    var state = triggered["state"]
                    while state != "succeeded" {
                        let status = try await client.status(workflow, app.id, action.id, waitMs: 5000)
                        requests += 1
                        #expect(status.status == 200)
                        #expect(status["state"] == "running" || status["state"] == "succeeded")
                        state = status["state"]
                    }
                }
            }
            let actionCount = workflow.apps.reduce(0) { $0 + $1.actions.count }
            #expect(requests <= actionCount * 3, "long poll keeps requests per action low")
            let final = try await client.workflowStatus(workflow, history: true)
            let status = try final.decode(WorkflowStatus.self)
            let history = try #require(status.history)
            #expect(status.state == .succeeded)
            #expect(status.apps.allSatisfy { $0.state == .succeeded && $0.actions.allSatisfy { $0.state == .succeeded } })
            #expect(history.count == actionCount * 2)
            #expect(history.map(\.app) == history.map(\.app).sorted { lhs, rhs in
                (workflow.apps.firstIndex { $0.id == lhs } ?? 0) < (workflow.apps.firstIndex { $0.id == rhs } ?? 0)
            }, "apps ran one after another")
        }
    }

    @Test func statusAnswersWithTheDocumentedShape() async throws {
        let server = try LiveServer(.succeedAfterPolls(5, pollAfter: .seconds(1)))
        try await server.run { client in
            let (_, workflow) = try await client.initialize(apps: ["app-b"], domain: nil, envVars: "{}")
            _ = try await client.trigger(workflow, "app-b", "fork-repository")
            let reply = try await client.status(workflow, "app-b", "fork-repository")
            let object = try #require(reply.body.objectValue)
            #expect(Set(object.keys) == [
                "app", "action", "title", "state", "attempt", "message", "pollAfterMs", "outputs", "error", "updatedAt",
                "startedAt", "deadlineAt", "progress", "sequence",
            ])
            #expect(object["error"] == .null && object["outputs"] == .object([:]) && object["attempt"] == 1)
            #expect(object["progress"] == .null)
            let startedAt = try #require(object["startedAt"]?.stringValue.flatMap(BatonJSON.parseTimestamp))
            let deadlineAt = try #require(object["deadlineAt"]?.stringValue.flatMap(BatonJSON.parseTimestamp))
            #expect(abs(deadlineAt.timeIntervalSince(startedAt) - 600) < 0.001, "fork-repository's default bound is 10 minutes")
            let pollAfter = try #require(object["pollAfterMs"]?.integerValue)
            #expect(pollAfter > 0 && pollAfter <= 1000)
            let updatedAt = try #require(object["updatedAt"]?.stringValue)
            #expect(updatedAt.hasSuffix("Z") && BatonJSON.parseTimestamp(updatedAt) != nil)
        }
    }

    @Test func aFailedActionStopsItsAppAndATriggerRetriesIt() async throws {
        let server = try LiveServer(.instant, overrides: ["deploy": .failFirstAttempts(1)])
        try await server.run { client in
            let (_, workflow) = try await client.initialize(apps: ["app-c"], domain: nil, envVars: "{}")
            #expect(try await client.trigger(workflow, "app-c", "fork-repository").status == 200)
            #expect(try await client.trigger(workflow, "app-c", "create-project").status == 200)
            let failed = try await client.trigger(workflow, "app-c", "deploy")
            #expect(failed.status == 200 && failed["state"] == "failed")
            #expect(failed["error"] == [
                "code": "flaky", "message": "Attempt 1 failed.", "retryable": true,
                "fix": "Trigger the action again; it picks up what was already done.",
            ])
            #expect(failed["deadlineAt"] == .null && failed["startedAt"]?.stringValue != nil)
            let retried = try await client.trigger(workflow, "app-c", "deploy")
            #expect(retried["state"] == "succeeded" && retried["attempt"] == 2)
        }
    }

    @Test func cancelStopsTheWorkflow() async throws {
        let server = try LiveServer(.succeedAfterPolls(50, pollAfter: .seconds(1)))
        try await server.run { client in
            let (_, workflow) = try await client.initialize(apps: ["app-b"], domain: nil, envVars: "{}")
            _ = try await client.trigger(workflow, "app-b", "fork-repository")
            let canceled = try await client.cancel(workflow)
            #expect(canceled.status == 200)
            let status = try canceled.decode(WorkflowStatus.self)
            #expect(status.state == .canceled)
            #expect(status.apps[0].actions.allSatisfy { $0.state == .canceled })
            let again = try await client.cancel(workflow)
            #expect(again.status == 200 && again["state"] == "canceled")
        }
    }
}
