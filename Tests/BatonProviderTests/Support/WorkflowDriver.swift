import BatonCore
import BatonTestSupport
import Foundation

/// Drives a workflow the way a client does: for each app, each action in order, trigger then long-poll.
struct WorkflowDriver: Sendable {
    let client: JSONClient

    /// What driving an app ended with.
    struct AppResult: Sendable {
        var app: String
        var statuses: [ActionStatus]
        var requests: Int
    }

    /// Drives every app, concurrently, until each action succeeds or one fails; retries a failed action
    /// `retries` times when its error is retryable.
    func drive(_ workflow: InitResponse, retries: Int = 0) async throws -> [AppResult] {
        try await withThrowingTaskGroup(of: AppResult.self) { group in
            for app in workflow.apps {
                group.addTask { try await drive(app, of: workflow, retries: retries) }
            }
            var results = try await group.reduce(into: [AppResult]()) { $0.append($1) }
            results.sort { lhs, rhs in
                workflow.apps.firstIndex { $0.id == lhs.app }! < workflow.apps.firstIndex { $0.id == rhs.app }!
            }
            return results
        }
    }

    private func drive(_ app: PlannedApp, of workflow: InitResponse, retries: Int) async throws -> AppResult {
        var result = AppResult(app: app.id, statuses: [], requests: 0)
        for action in app.actions {
            var retriesLeft = retries
            var status = try await run(action.id, of: app.id, in: workflow, requests: &result.requests)
            while status.state == .failed, status.error?.retryable == true, retriesLeft > 0 {
                retriesLeft -= 1
                status = try await run(action.id, of: app.id, in: workflow, requests: &result.requests)
            }
            result.statuses.append(status)
            guard status.state == .succeeded else { break }
        }
        return result
    }

    private func run(_ action: String, of app: String, in workflow: InitResponse, requests: inout Int) async throws -> ActionStatus {
        let deadline = Date().addingTimeInterval(120)
        var reply = try await client.trigger(workflow, app, action)
        requests += 1
        guard reply.status == 200 || reply.status == 202 else { throw TestFailure("trigger \(app)/\(action): \(reply.status) \(reply.text)") }
        var status = try reply.decode(ActionStatus.self)
        while status.state == .running || status.state == .pending {
            guard Date() < deadline else { throw TestFailure("\(app)/\(action) did not finish: \(status.message)") }
            reply = try await client.status(workflow, app, action, waitMs: 5000)
            requests += 1
            guard reply.status == 200 else { throw TestFailure("status \(app)/\(action): \(reply.status) \(reply.text)") }
            status = try reply.decode(ActionStatus.self)
        }
        return status
    }
}
