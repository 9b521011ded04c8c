public import Foundation

/// How many calls of one kind may be made in sliding windows of time, such as GitHub's content-creating requests: at
/// most 80 a minute and 500 an hour per user (GitHub's REST API documentation, "Rate limits for the REST API", secondary
/// rate limits). Baton paces below such a limit, so a workflow of hundreds of apps never meets the provider's refusal.
public struct CallPace: Sendable, Hashable, CustomStringConvertible {
    /// At most `calls` calls in any `window`.
    public struct Limit: Sendable, Hashable {
        public var calls: Int
        public var window: Duration

        public init(calls: Int, window: Duration) {
            self.calls = calls
            self.window = window
        }
    }

    /// Every limit that applies; a call is made only when it fits all of them.
    public var limits: [Limit]

    public init(limits: [Limit]) {
        self.limits = limits
    }

    /// Baton's pace for GitHub's content-creating calls (forks, repositories generated from templates), per token:
    /// 60 a minute and 450 an hour, below GitHub's 80 and 500 (other requests of the same user count too).
    public static let githubContentCreation = CallPace(limits: [
        Limit(calls: 60, window: .seconds(60)), Limit(calls: 450, window: .seconds(3600)),
    ])

    /// The longest window: older calls no longer matter.
    public var longestWindow: Duration {
        limits.map(\.window).max() ?? .zero
    }

    /// Whether a call fits at `now`, given the calls already made (`recent`, oldest first, none older than
    /// ``longestWindow``): `nil` when it does, else the instant the first slot frees under every limit.
    public func nextSlot(after recent: [Date], at now: Date) -> Date? {
        var freeAt: Date?
        for limit in limits where limit.calls > 0 {
            let windowStart = now.addingTimeInterval(-limit.window.seconds)
            let inWindow = recent.filter { $0 > windowStart }
            guard inWindow.count >= limit.calls else { continue }
            // The window frees a slot when its call that is `calls` from the newest leaves it.
            let leaving = inWindow[inWindow.count - limit.calls]
            let free = leaving.addingTimeInterval(limit.window.seconds)
            freeAt = max(freeAt ?? free, free)
        }
        return freeAt
    }

    /// `60/m,450/h` (units `s`, `m`, `h`).
    public var description: String {
        limits.map { limit in
            let seconds = Int(limit.window.seconds)
            let unit = seconds % 3600 == 0 ? "\(seconds / 3600 == 1 ? "" : String(seconds / 3600))h"
                : seconds % 60 == 0 ? "\(seconds / 60 == 1 ? "" : String(seconds / 60))m" : "\(seconds)s"
            return "\(limit.calls)/\(unit)"
        }.joined(separator: ",")
    }

    /// Reads `60/m,450/h`: comma-separated `CALLS/WINDOW`, the window a number (1 when left out) and a unit (`s`, `m`,
    /// `h`), such as `10/30s`.
    /// - Returns: `nil` when the text is not of that form, a number is not positive, or a window is longer than a year.
    public init?(_ text: String) {
        var limits: [Limit] = []
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "/")
            guard pieces.count == 2, let calls = Int(pieces[0].trimmingCharacters(in: .whitespaces)), calls > 0 else { return nil }
            let window = pieces[1].trimmingCharacters(in: .whitespaces)
            guard let unit = window.last, let scale = ["s": 1, "m": 60, "h": 3600][String(unit)] else { return nil }
            let count = window.dropLast().isEmpty ? 1 : Int(window.dropLast())
            // A window longer than a year is no pace (and a huge count would overflow).
            guard let count, count > 0, count <= 366 * 86_400 / scale else { return nil }
            limits.append(Limit(calls: calls, window: .seconds(count * scale)))
        }
        guard !limits.isEmpty else { return nil }
        self.limits = limits
    }
}
