import BatonCore
import Foundation
import NIOHTTP1

/// Reads what a provider's failed answer says about when to try again.
public enum RetryTiming {
    /// The ``RetryHint`` of an answer, in GitHub's documented order (docs.github.com, "Rate limits for the REST API"):
    /// `retry-after` seconds; else, when `x-ratelimit-remaining` is `0`, the `x-ratelimit-reset` instant (epoch seconds);
    /// else, for a secondary limit, ``RetryHint/secondaryRateLimit``; else nothing.
    public static func hint(_ headers: HTTPHeaders, secondaryLimit: Bool = false) -> RetryHint {
        if let retryAfter = headers.first(name: "retry-after").flatMap(Double.init), retryAfter >= 0 {
            return .retryAfter(.milliseconds(Int(retryAfter * 1000)))
        }
        if headers.first(name: "x-ratelimit-remaining") == "0",
           let reset = headers.first(name: "x-ratelimit-reset").flatMap(Double.init) {
            return .rateLimitReset(Date(timeIntervalSince1970: reset))
        }
        return secondaryLimit ? .secondaryRateLimit : .none
    }
}
