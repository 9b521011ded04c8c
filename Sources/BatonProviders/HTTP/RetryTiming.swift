public import BatonCore
import Foundation
public import NIOHTTP1

/// Reads what a provider's failed answer says about when to try again.
public enum RetryTiming {
    /// The longest wait a header may ask for, in seconds (a day).
    static let maximumWait: Double = 86_400

    /// The ``RetryHint`` of an answer, in GitHub's documented order (docs.github.com, "Rate limits for the REST API"):
    /// `retry-after` seconds; else, when `x-ratelimit-remaining` is `0`, the `x-ratelimit-reset` instant (epoch seconds);
    /// else, for a secondary limit, ``RetryHint/secondaryRateLimit``; else nothing.
    public static func hint(_ headers: HTTPHeaders, secondaryLimit: Bool = false) -> RetryHint {
        // Values past a day are clamped to it: a provider (or a proxy) that sends `inf` or an epoch in the far future
        // must not overflow the arithmetic; the action's deadline bounds the wait anyway.
        if let retryAfter = headers.first(name: "retry-after").flatMap(Double.init), retryAfter >= 0, !retryAfter.isNaN {
            return .retryAfter(.milliseconds(Int(min(retryAfter, maximumWait) * 1000)))
        }
        if headers.first(name: "x-ratelimit-remaining") == "0",
           let reset = headers.first(name: "x-ratelimit-reset").flatMap(Double.init), reset.isFinite {
            return .rateLimitReset(Date(timeIntervalSince1970: min(reset, Date.distantFuture.timeIntervalSince1970)))
        }
        return secondaryLimit ? .secondaryRateLimit : .none
    }
}
