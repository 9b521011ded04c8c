import Foundation
import Synchronization

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
/// The work starts at once on the calling thread, in a task of its own (`Task.immediate`): work that finishes
/// without waiting on anything (a step with nothing to ask a provider) never leaves the thread and needs no
/// deadline. Work that does wait gets a watchdog: a task that sleeps until the deadline and then cancels it; the
/// watchdog is cancelled, not awaited, once the work ended. Spawning the work and awaiting a cancelled sleep (as a
/// task group does) cost every step four thread hand-offs, about a tenth of a step with an instant action
/// (`baton-bench --store sqlite` under `perf`).
enum StepRunner {
    static func run<Value: Sendable>(
        until deadline: Date, clock: any BatonClock,
        _ body: @escaping @Sendable () async throws -> Value
    ) async -> StepResult<Value> {
        let ended = EndFlag()
        let work = Task.immediate { () -> StepResult<Value> in
            defer { ended.set() }
            do {
                return .finished(try await body())
            } catch {
                return Task.isCancelled || error is CancellationError ? .cutOff : .threw(error)
            }
        }
        if ended.isSet { return await work.value }
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

/// Whether a step's work has ended, set from its task and read by ``StepRunner``.
private final class EndFlag: Sendable {
    private let value = Mutex(false)

    func set() { value.withLock { $0 = true } }

    var isSet: Bool { value.withLock { $0 } }
}
