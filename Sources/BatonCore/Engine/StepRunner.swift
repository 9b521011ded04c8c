import Foundation

/// How one bounded piece of an action's work ended.
enum StepResult<Value: Sendable>: Sendable {
    /// It returned.
    case finished(Value)
    /// The deadline came first; the work was cancelled.
    case cutOff
    /// It threw something other than cancellation.
    case threw(any Error)
}

/// Runs one step of an action (or a stop) against a deadline, cancelling it when the deadline comes first.
/// The work has ended when `run` returns.
///
/// The work runs in a task of its own, which `run` awaits; a second task sleeps until the deadline and then cancels
/// it. That one is cancelled, not awaited, once the work ended: waiting for a cancelled sleep to wind down (as a task
/// group does for its children) cost every step two more thread hand-offs, about a tenth of a step's time with an
/// instant action (`baton-bench`).
enum StepRunner {
    static func run<Value: Sendable>(
        until deadline: Date, clock: any BatonClock,
        _ body: @escaping @Sendable () async throws -> Value
    ) async -> StepResult<Value> {
        let work = Task { () -> StepResult<Value> in
            do {
                return .finished(try await body())
            } catch {
                return Task.isCancelled || error is CancellationError ? .cutOff : .threw(error)
            }
        }
        let watchdog = Task {
            try await clock.sleep(until: deadline)
            work.cancel()
        }
        let result = await withTaskCancellationHandler {
            await work.value
        } onCancel: {
            work.cancel()
        }
        watchdog.cancel()
        return result
    }
}
