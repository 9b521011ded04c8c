public import Foundation

/// The time source of the engine, injected so tests can control it.
public protocol BatonClock: Sendable {
    /// The current time.
    func now() -> Date
    /// Sleeps until `deadline`, or throws `CancellationError` when the task is cancelled.
    func sleep(until deadline: Date) async throws
}

/// The system's clock.
public struct SystemClock: BatonClock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(until deadline: Date) async throws {
        let interval = deadline.timeIntervalSinceNow
        guard interval > 0 else { return }
        try await Task.sleep(for: .seconds(interval))
    }
}
