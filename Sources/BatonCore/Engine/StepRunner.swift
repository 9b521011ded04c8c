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
/// The work runs as a child task: it has ended when `run` returns.
enum StepRunner {
    static func run<Value: Sendable>(
        until deadline: Date, clock: any BatonClock,
        _ body: @escaping @Sendable () async throws -> Value
    ) async -> StepResult<Value> {
        await withTaskGroup(of: StepResult<Value>?.self) { group in
            group.addTask {
                do {
                    return .finished(try await body())
                } catch {
                    return Task.isCancelled || error is CancellationError ? .cutOff : .threw(error)
                }
            }
            group.addTask {
                try? await clock.sleep(until: deadline)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .cutOff
        }
    }
}
