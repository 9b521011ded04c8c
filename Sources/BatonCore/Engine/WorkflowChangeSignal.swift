public import Foundation
import Synchronization

/// Wakes long-polling requests of this process when what they wait on changes: one app of a workflow, or any of it.
///
/// A waiter first arms a ``Ticket`` — before it reads the workflow — and then waits on it, so a change committed
/// between the read and the wait is not missed: it fires the armed ticket, and the wait returns at once. A change of
/// one app wakes only the waiters on that app and those on the whole workflow, so its cost does not grow with the
/// workflow's other apps. Other instances' changes are not seen; long polls also wake at the action's next due
/// moment and at their deadline.
public final class WorkflowChangeSignal: Sendable {
    /// What a waiter waits on: one app of a workflow, or (`app` `nil`) any change of it.
    struct Subject: Hashable, Sendable {
        let workflowID: String
        let app: String?
    }

    /// An armed interest in the next change of one app of a workflow, or of any of it.
    public struct Ticket: Sendable {
        let subject: Subject
        let token: UInt64
    }

    private enum Slot {
        case armed
        case fired
        case waiting(CheckedContinuation<Void, Never>)
    }

    private struct State {
        var nextToken: UInt64 = 0
        var slots: [Subject: [UInt64: Slot]] = [:]
    }

    private let state = Mutex(State())

    /// Creates a signal with no waiters.
    public init() {}

    /// Arms a ticket for the next change of app `app` of `workflowID` (of any app when `app` is `nil`); pass it to
    /// ``wait(_:until:clock:)`` or ``disarm(_:)``.
    public func arm(_ workflowID: String, app: String? = nil) -> Ticket {
        state.withLock { state in
            state.nextToken += 1
            let subject = Subject(workflowID: workflowID, app: app)
            state.slots[subject, default: [:]][state.nextToken] = .armed
            return Ticket(subject: subject, token: state.nextToken)
        }
    }

    /// Forgets a ticket that will not be waited on (or has been).
    public func disarm(_ ticket: Ticket) {
        state.withLock { state in
            state.slots[ticket.subject]?[ticket.token] = nil
            if state.slots[ticket.subject]?.isEmpty == true { state.slots[ticket.subject] = nil }
        }
    }

    /// Records a change of the apps `apps` of `workflowID`: wakes the waiters on those apps and on the whole
    /// workflow, and fires their armed tickets.
    public func notify(_ workflowID: String, apps: [String]) {
        let subjects = [Subject(workflowID: workflowID, app: nil)] + apps.map { Subject(workflowID: workflowID, app: $0) }
        let waiting: [CheckedContinuation<Void, Never>] = state.withLock { state in
            var waiting: [CheckedContinuation<Void, Never>] = []
            for subject in subjects {
                guard var slots = state.slots[subject] else { continue }
                for (token, slot) in slots {
                    if case .waiting(let continuation) = slot { waiting.append(continuation) }
                    slots[token] = .fired
                }
                state.slots[subject] = slots
            }
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
                    guard case .armed = state.slots[ticket.subject]?[ticket.token] else { return true }
                    state.slots[ticket.subject]?[ticket.token] = .waiting(continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let continuation = state.withLock { state -> CheckedContinuation<Void, Never>? in
                guard let slot = state.slots[ticket.subject]?[ticket.token] else { return nil }
                state.slots[ticket.subject]?[ticket.token] = .fired
                if case .waiting(let continuation) = slot { return continuation }
                return nil
            }
            continuation?.resume()
        }
    }
}
