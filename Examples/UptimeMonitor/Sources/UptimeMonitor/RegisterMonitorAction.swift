public import BatonCore
import Foundation

/// `register-monitor`: asks the uptime monitor to watch the app's production URL, once `deploy` succeeded.
///
/// It converges: it first looks for a monitor already watching the URL (a retry, a double click, or a request cut off
/// after the monitor was created) and adopts it, so a URL never gets two monitors. When the monitor's API is busy or
/// down, the action stays running and asks again after a backoff, across requests (the retry count is its
/// checkpoint); after ``maximumCalls`` it fails with `monitor_unavailable`, which may be retried.
public struct RegisterMonitorAction: DeploymentAction {
    /// The most calls to a busy or down monitor API before the action fails.
    public static let maximumCalls = 5

    let monitor: UptimeMonitorClient

    public init(monitor: UptimeMonitorClient) {
        self.monitor = monitor
    }

    /// Two minutes an attempt: enough for the backoff waits between ``maximumCalls`` calls.
    public var timeouts: ActionTimeouts { ActionTimeouts(attempt: .seconds(120)) }

    public func start(_ context: ActionContext) async throws -> ActionOutcome {
        try await register(context, failedCalls: 0)
    }

    public func poll(_ context: ActionContext, checkpoint: JSONValue) async throws -> ActionOutcome {
        try await register(context, failedCalls: checkpoint.objectValue?["failedCalls"]?.integerValue ?? 0)
    }

    private func register(_ context: ActionContext, failedCalls: Int) async throws -> ActionOutcome {
        let url = try context.output(DeployOutput.self).url
        let name = "\(context.app.name) (\(context.app.id))"
        let watching: UptimeMonitorClient.Monitor
        do throws(UptimeMonitorClient.Failure) {
            if let existing = try await monitor.monitors(watching: url).first {
                watching = existing
            } else {
                watching = try await monitor.createMonitor(url: url, name: name)
            }
        } catch .unavailable(let message) where failedCalls + 1 < Self.maximumCalls {
            return .running(ActionProgress(
                checkpoint: ["failedCalls": .number(Double(failedCalls + 1))],
                pollAfter: .seconds(1 << failedCalls), message: "\(message) Asking again shortly."
            ))
        } catch .unavailable(let message) {
            return .failed(ActionFailure(
                code: "monitor_unavailable", message: message, retryable: true,
                fix: "Trigger register-monitor again once the uptime monitor is back; it adopts a monitor already made."
            ))
        } catch .unauthorized(let message) {
            return .failed(ActionFailure(
                code: "monitor_unauthorized", message: message, retryable: false,
                fix: "Give the server a valid MONITOR_API_KEY and restart it, then trigger register-monitor again."
            ))
        } catch .unexpected(let message) {
            return .failed(ActionFailure(code: "monitor_error", message: message, retryable: true))
        }
        return try .succeeded(RegisterMonitorOutput(monitorID: watching.id, url: url), message: "Watching \(url)")
    }
}
