import Foundation
import Synchronization

/// Wakes long-polling requests of this process when a workflow they wait on changes.
///
/// A waiter first arms a ``Ticket`` — before it reads the workflow — and then waits on it, so a change committed
/// between the read and the wait is not missed: it fires the armed ticket, and the wait returns at once. Other
/// instances' changes are not seen; long polls also wake at the action's next due moment and at their deadline.
public final class WorkflowChangeSignal: Sendable {
    /// An armed interest in one workflow's next change.
    public struct Ticket: Sendable {
        let workflowID: String
        let token: UInt64
    }

    private enum Slot {
        case armed
        case fired
        case waiting(CheckedContinuation<Void, Never>)
    }

    private struct State {
        var nextToken: UInt64 = 0
        var slots: [String: [UInt64: Slot]] = [:]
    }

    private let state = Mutex(State())

    /// Creates a signal with no waiters.
    public init() {}

    /// Arms a ticket for the next change of `workflowID`; pass it to ``wait(_:until:clock:)`` or ``disarm(_:)``.
    public func arm(_ workflowID: String) -> Ticket {
        state.withLock { state in
            state.nextToken += 1
            state.slots[workflowID, default: [:]][state.nextToken] = .armed
            return Ticket(workflowID: workflowID, token: state.nextToken)
        }
    }

    /// Forgets a ticket that will not be waited on (or has been).
    public func disarm(_ ticket: Ticket) {
        state.withLock { state in
            state.slots[ticket.workflowID]?[ticket.token] = nil
            if state.slots[ticket.workflowID]?.isEmpty == true { state.slots[ticket.workflowID] = nil }
        }
    }

    /// Records a change of `workflowID`: wakes its waiters and fires its armed tickets.
    public func notify(_ workflowID: String) {
        let waiting: [CheckedContinuation<Void, Never>] = state.withLock { state in
            guard var slots = state.slots[workflowID] else { return [] }
            var waiting: [CheckedContinuation<Void, Never>] = []
            for (token, slot) in slots {
                if case .waiting(let continuation) = slot { waiting.append(continuation) }
                slots[token] = .fired
            }
            state.slots[workflowID] = slots
            return waiting
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Waits until the ticket's workflow changed since the ticket was armed (at once if it already has), `deadline`
    /// passes, or the task is cancelled; then disarms the ticket.
    public func wait(_ ticket: Ticket, until deadline: Date, clock: any BatonClock) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForChange(ticket) }
            group.addTask { try? await clock.sleep(until: deadline) }
            await group.next()
            group.cancelAll()
        }
        disarm(ticket)
    }

    private func waitForChange(_ ticket: Ticket) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    guard case .armed = state.slots[ticket.workflowID]?[ticket.token] else { return true }
                    state.slots[ticket.workflowID]?[ticket.token] = .waiting(continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let continuation = state.withLock { state -> CheckedContinuation<Void, Never>? in
                guard let slot = state.slots[ticket.workflowID]?[ticket.token] else { return nil }
                state.slots[ticket.workflowID]?[ticket.token] = .fired
                if case .waiting(let continuation) = slot { return continuation }
                return nil
            }
            continuation?.resume()
        }
    }
}
