import Foundation

/// How one step of an action ended.
enum StepResult: Sendable {
    /// It returned an outcome.
    case finished(ActionOutcome)
    /// The budget ran out first; the step was cancelled.
    case cutOff
    /// It threw something other than cancellation.
    case threw(any Error)
}

/// Runs one step of an action against the request's deadline, cancelling it when the deadline comes first.
/// The step runs as a child task: it has ended when `run` returns.
enum StepRunner {
    static func run(
        until deadline: Date, clock: any BatonClock,
        _ body: @escaping @Sendable () async throws -> ActionOutcome
    ) async -> StepResult {
        await withTaskGroup(of: StepResult?.self) { group in
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
