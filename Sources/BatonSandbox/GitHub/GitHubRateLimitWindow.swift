import Foundation

/// GitHub's primary rate limit as reported in `x-ratelimit-*` headers (reported, never enforced).
struct GitHubRateLimitWindow: Sendable {
    /// Requests per hour for a token.
    static let authenticatedLimit = 5000
    /// Requests per hour without a token.
    static let anonymousLimit = 60

    private var windowStart: Date?
    private var used = 0

    /// Counts a request made at `now` and returns the headers to send with its response.
    mutating func record(at now: Date, authenticated: Bool) -> [String: String] {
        if let start = windowStart, now.timeIntervalSince(start) < 3600 {
            used += 1
        } else {
            windowStart = now
            used = 1
        }
        let limit = authenticated ? Self.authenticatedLimit : Self.anonymousLimit
        let reset = Int((windowStart ?? now).timeIntervalSince1970) + 3600
        return [
            "x-ratelimit-limit": String(limit), "x-ratelimit-remaining": String(max(0, limit - used)),
            "x-ratelimit-used": String(min(used, limit)), "x-ratelimit-reset": String(reset),
            "x-ratelimit-resource": "core",
        ]
    }
}
