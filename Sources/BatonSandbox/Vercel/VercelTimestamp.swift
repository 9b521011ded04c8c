import Foundation

/// Vercel's timestamps: milliseconds since 1970.
enum VercelTimestamp {
    /// `date` in epoch milliseconds.
    static func milliseconds(_ date: Date) -> Int {
        Int((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// `date` as a JSON number of epoch milliseconds.
    static func json(_ date: Date) -> JSONValue {
        .int(milliseconds(date))
    }
}
