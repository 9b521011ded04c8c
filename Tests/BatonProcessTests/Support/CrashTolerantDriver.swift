import BatonCore
import BatonTestSupport
import Foundation

/// Drives a workflow as a client does — for each app (apps concurrently), each action in order: trigger, then
/// `status` with a long poll until it ends — through a ``ResilientClient``, so a server that vanishes mid-request
/// is simply asked again. It never starts a second workflow.
struct CrashTolerantDriver: Sendable {
    /// Called once before an action's first trigger (app, action), e.g. to arm a fault.
    typealias TriggerHook = @Sendable (_ app: String, _ action: String) async throws -> Void

    let client: ResilientClient
    var waitMs = 2_000
    var actionTimeout: Duration = .seconds(90)
    var beforeTrigger: TriggerHook = { _, _ in }
    /// How many apps are driven at once (all when `nil`): keep it below the HTTP client's connections per host, or
    /// requests wait for a connection longer than the client allows.
    var appsAtOnce: Int?

    /// Sends `init` and returns the new workflow.
    func initialize(_ body: String) async throws -> InitResponse {
        let reply = try await client.post(body)
        guard reply.status == 201 else { throw ChildProcessError("init answered \(reply.status): \(reply.text)") }
        return try reply.decode(InitResponse.self)
    }

    /// The body of an `init` for `apps` of `owner` with a domain and an env var for app-a.
    static func initBody(apps: [String] = ["app-a", "app-b", "app-c"], owner: String = "acme", domain: String = "example.com") -> String {
        let list = apps.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"mode":"init","config":{"apps":[\#(list)],"github":{"owner":"\#(owner)"},"domain":"\#(domain)"},"envVars":{"app-a":{"DATABASE_URL":"postgres://x"}}}"#
    }

    /// Drives every app to its end; the final status of each action, by app.
    func drive(_ workflow: InitResponse) async throws -> [String: [ActionStatus]] {
        try await withThrowingTaskGroup(of: (String, [ActionStatus]).self) { group in
            var results: [String: [ActionStatus]] = [:]
            for (number, app) in workflow.apps.enumerated() {
                if let appsAtOnce, number >= appsAtOnce, let (done, statuses) = try await group.next() { results[done] = statuses }
                group.addTask { (app.id, try await drive(app, of: workflow)) }
            }
            for try await (done, statuses) in group { results[done] = statuses }
            return results
        }
    }

    /// `status` of the whole workflow, with its history.
    func workflowStatus(_ workflow: InitResponse) async throws -> WorkflowStatus {
        let reply = try await client.post(#"{"mode":"status","workflowId":"\#(workflow.workflowID)","history":true}"#, token: workflow.token)
        guard reply.status == 200 else { throw ChildProcessError("workflow status answered \(reply.status): \(reply.text)") }
        return try reply.decode(WorkflowStatus.self)
    }

    /// Sends `trigger` for one action; the answer (200 or 202) decoded.
    func trigger(_ workflow: InitResponse, _ app: String, _ action: String) async throws -> ActionStatus {
        let body = #"{"mode":"trigger","workflowId":"\#(workflow.workflowID)","app":"\#(app)","action":"\#(action)"}"#
        let reply = try await client.post(body, token: workflow.token)
        guard reply.status == 200 || reply.status == 202 else {
            throw ChildProcessError("trigger \(app)/\(action) answered \(reply.status): \(reply.text)")
        }
        return try reply.decode(ActionStatus.self)
    }

    /// Long-polls one action until it is no longer pending or running.
    func waitForEnd(_ workflow: InitResponse, _ app: String, _ action: String, from status: ActionStatus) async throws -> ActionStatus {
        let deadline = ContinuousClock.now + actionTimeout
        let body = #"{"mode":"status","workflowId":"\#(workflow.workflowID)","app":"\#(app)","action":"\#(action)","waitMs":\#(waitMs)}"#
        var status = status
        while status.state == .running || status.state == .pending {
            guard ContinuousClock.now < deadline else {
                throw ChildProcessError("\(app)/\(action) still \(status.state) after \(actionTimeout): \(status.message)")
            }
            let reply = try await client.post(body, token: workflow.token)
            guard reply.status == 200 else { throw ChildProcessError("status \(app)/\(action) answered \(reply.status): \(reply.text)") }
            status = try reply.decode(ActionStatus.self)
        }
        return status
    }

    private func drive(_ app: PlannedApp, of workflow: InitResponse) async throws -> [ActionStatus] {
        var statuses: [ActionStatus] = []
        for action in app.actions {
            try await beforeTrigger(app.id, action.id)
            let started = try await trigger(workflow, app.id, action.id)
            let status = try await waitForEnd(workflow, app.id, action.id, from: started)
            statuses.append(status)
            guard status.state == .succeeded else { break }
        }
        return statuses
    }
}
