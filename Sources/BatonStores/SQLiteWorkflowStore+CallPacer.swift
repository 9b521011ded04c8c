public import BatonCore
public import Foundation
import GRDB

/// Call slots in the `call_slots` table: one row per call made in the pace's longest window, so every process on the
/// file shares them. A reservation is one write transaction (SQLite runs one at a time): older rows deleted, the
/// window's calls counted, the new one inserted when it fits.
extension SQLiteWorkflowStore: CallPacer {
    public func reserve(_ key: String, pace: CallPace, at now: Date) async throws -> Date? {
        try await pool.write { db in
            let oldest = now.addingTimeInterval(-pace.longestWindow.seconds).timeIntervalSince1970
            try db.execute(sql: "DELETE FROM call_slots WHERE key = ? AND at <= ?", arguments: [key, oldest])
            let recent = try Double.fetchAll(db, sql: "SELECT at FROM call_slots WHERE key = ? ORDER BY at", arguments: [key])
                .map(Date.init(timeIntervalSince1970:))
            if let next = pace.nextSlot(after: recent, at: now) { return next }
            try db.execute(sql: "INSERT INTO call_slots (key, at) VALUES (?, ?)", arguments: [key, now.timeIntervalSince1970])
            return nil
        }
    }
}
