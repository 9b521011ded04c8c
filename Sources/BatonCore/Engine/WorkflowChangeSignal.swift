import Foundation
import Synchronization

/// Wakes long-polling requests of this process when another request of this process changes their workflow.
///
/// It only shortens waits: a request on another instance is not woken, and instead sees the change the next
/// time it looks (at the action's `pollAfter` at the latest). Every wait ends by its deadline, inside the request.
public final class WorkflowChangeSignal: Sendable {
    private struct Waiters {
        var nextToken: UInt64 = 0
        var waiting: [String: [UInt64: CheckedContinuation<Void, Never>]] = [:]
        /// Tokens whose task was cancelled before their continuation was registered.
        var cancelledEarly: Set<UInt64> = []
    }

    private let waiters = Mutex(Waiters())

    public init() {}

    /// Wakes every request waiting on `workflowID`.
    public func notify(_ workflowID: String) {
        let continuations = waiters.withLock { $0.waiting.removeValue(forKey: workflowID) }
        for continuation in continuations?.values ?? [:].values { continuation.resume() }
    }

    /// Waits until ``notify(_:)`` is called for `workflowID`, `deadline` passes, or the task is cancelled.
    public func wait(for workflowID: String, until deadline: Date, clock: any BatonClock) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForNotification(workflowID) }
            group.addTask { try? await clock.sleep(until: deadline) }
            await group.next()
            group.cancelAll()
        }
    }

    private func waitForNotification(_ workflowID: String) async {
        let token = waiters.withLock { state in
            state.nextToken += 1
            return state.nextToken
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = waiters.withLock { state in
                    if state.cancelledEarly.remove(token) != nil { return true }
                    state.waiting[workflowID, default: [:]][token] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let continuation = waiters.withLock { state -> CheckedContinuation<Void, Never>? in
                if let continuation = state.waiting[workflowID]?.removeValue(forKey: token) {
                    if state.waiting[workflowID]?.isEmpty == true { state.waiting[workflowID] = nil }
                    return continuation
                }
                state.cancelledEarly.insert(token)
                return nil
            }
            continuation?.resume()
        }
        // The cancellation handler can no longer run: forget a token it may have left behind.
        _ = waiters.withLock { $0.cancelledEarly.remove(token) }
    }
}
