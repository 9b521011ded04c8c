public import Foundation
import Synchronization

/// The time source of a ``ProviderSandbox``; time-based progress (forks filling, builds advancing) is read from it.
public protocol SandboxClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The wall clock.
public struct SystemSandboxClock: SandboxClock {
    /// Creates the wall clock.
    public init() {}

    /// The current wall-clock time.
    public func now() -> Date { Date() }
}

/// A clock that only moves when told to, so tests can jump past `forkSeconds` or `buildSeconds` without sleeping.
public final class ManualSandboxClock: SandboxClock {
    private let current: Mutex<Date>

    /// Creates a clock stopped at `start`.
    public init(start: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
        current = Mutex(start)
    }

    /// The instant the clock is stopped at.
    public func now() -> Date {
        current.withLock { $0 }
    }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
