import Foundation
import NIOHTTP1

/// How long to wait before retrying a provider: what its headers say, or exponential backoff.
public enum RetryTiming {
    /// The wait a response asks for: `Retry-After` seconds, or, when no requests remain, until `x-ratelimit-reset`.
    public static func requestedWait(_ headers: HTTPHeaders, now: Date = Date()) -> Duration? {
        if let retryAfter = headers.first(name: "retry-after").flatMap(Double.init), retryAfter >= 0 {
            return .milliseconds(Int(retryAfter * 1000))
        }
        if headers.first(name: "x-ratelimit-remaining") == "0",
           let reset = headers.first(name: "x-ratelimit-reset").flatMap(Double.init) {
            return .milliseconds(Int(max(1, reset - now.timeIntervalSince1970) * 1000))
        }
        return nil
    }

    /// Exponential backoff for the `retry`-th retry (0-based): 0.5 s, 1 s, 2 s, … capped at 30 s.
    public static func backoff(retry: Int) -> Duration {
        let seconds = min(30, 0.5 * pow(2, Double(min(retry, 16))))
        return .milliseconds(Int(seconds * 1000))
    }
}
