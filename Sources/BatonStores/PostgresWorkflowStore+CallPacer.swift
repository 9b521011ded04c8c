public import BatonCore
public import Foundation
import PostgresNIO

/// Call slots in `baton_call_slots`, shared by every instance on the database: a reservation is one transaction that
/// first takes an advisory lock on the key (so reservations of one key run one at a time, whichever instance makes
/// them), then deletes older rows, counts the window's calls and inserts the new one when it fits.
extension PostgresWorkflowStore: CallPacer {
    public func reserve(_ key: String, pace: CallPace, at now: Date) async throws -> Date? {
        let oldest = now.addingTimeInterval(-pace.longestWindow.seconds).timeIntervalSince1970
        return try await transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(4242002, hashtext(\(key)))", logger: logger)
            try await connection.query("DELETE FROM baton_call_slots WHERE key = \(key) AND at <= \(oldest)", logger: logger)
            var recent: [Date] = []
            for try await at in try await connection.query(
                "SELECT at FROM baton_call_slots WHERE key = \(key) ORDER BY at", logger: logger
            ).decode(Double.self) {
                recent.append(Date(timeIntervalSince1970: at))
            }
            if let next = pace.nextSlot(after: recent, at: now) { return next }
            try await connection.query(
                "INSERT INTO baton_call_slots (key, at) VALUES (\(key), \(now.timeIntervalSince1970))", logger: logger)
            return nil
        }
    }
}
