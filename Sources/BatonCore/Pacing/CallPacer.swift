public import Foundation
import Synchronization

/// Hands out call slots under a ``CallPace``, shared by every Baton instance of one store: the SQL stores keep the
/// calls made in a table, so a slot taken on one instance counts on all.
public protocol CallPacer: Sendable {
    /// Takes a slot for one call of `key` (such as `github-content:` and a token's fingerprint) at `now` when it fits
    /// `pace`, recording it; otherwise records nothing.
    /// - Returns: `nil` when the slot was taken (make the call), else when to ask again.
    func reserve(_ key: String, pace: CallPace, at now: Date) async throws -> Date?
}

/// A ``CallPacer`` for one process: the memory store's, and actions run without a store.
public final class InMemoryCallPacer: CallPacer {
    private let calls = Mutex<[String: [Date]]>([:])

    public init() {}

    public func reserve(_ key: String, pace: CallPace, at now: Date) -> Date? {
        calls.withLock { calls in
            let oldest = now.addingTimeInterval(-pace.longestWindow.seconds)
            var recent = (calls[key] ?? []).filter { $0 > oldest }
            if let next = pace.nextSlot(after: recent, at: now) {
                calls[key] = recent
                return next
            }
            recent.append(now)
            calls[key] = recent
            return nil
        }
    }
}
