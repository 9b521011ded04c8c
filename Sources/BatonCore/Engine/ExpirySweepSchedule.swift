import Foundation
import Synchronization

/// Decides which request of this instance deletes expired workflows: the first one after each interval.
final class ExpirySweepSchedule: Sendable {
    private let interval: TimeInterval
    private let lastSweep = Mutex<Date?>(nil)

    init(interval: Duration) {
        self.interval = interval.seconds
    }

    /// Whether the caller should sweep now; claims the sweep when it should.
    func claim(now: Date) -> Bool {
        lastSweep.withLock { last in
            if let last, now.timeIntervalSince(last) < interval { return false }
            last = now
            return true
        }
    }
}
