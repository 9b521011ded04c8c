public import Foundation

/// How an action retries a provider call that failed for a reason that may pass (a rate limit, a 5xx, a timeout,
/// a dropped connection), in the terms Temporal and AWS Step Functions use.
///
/// The wait before retry `n` (0 for the first retry) is `initialInterval × backoffCoefficient^n`, capped at
/// `maximumInterval`, then shortened by up to `jitter` of itself at random so that many workflows limited at the same
/// moment do not all come back at once. A wait the provider asked for (see ``RetryHint``) replaces the backoff.
///
/// These retries happen inside one attempt of the action: they do not change the wire `attempt`, which counts
/// triggers. When `maximumAttempts` calls of one step have failed, the action fails with the provider's last message.
/// (Not to be confused with `BatonClient`'s `RetryPolicy`, which retries a client's requests to Baton.)
public struct ActionRetryPolicy: Sendable, Hashable {
    /// The wait before the first retry.
    public var initialInterval: Duration
    /// How much each wait grows over the one before (2 doubles it). At least 1.
    public var backoffCoefficient: Double
    /// The longest backoff wait (a provider's own `retry-after` or reset time may be longer).
    public var maximumInterval: Duration
    /// The most calls of one step, the first included, before the action fails; 1 means no retry.
    public var maximumAttempts: Int
    /// Error codes (``ProviderProblem/code``) that fail the action at once instead of being retried.
    public var nonRetryableErrorCodes: Set<String>
    /// The largest share (0 to 1) by which a backoff wait is shortened at random.
    public var jitter: Double
    /// The shortest wait after a GitHub secondary rate limit that named no time: GitHub asks for at least a minute
    /// (docs.github.com, "Rate limits for the REST API": "wait for at least one minute before retrying").
    public var secondaryRateLimitWait: Duration

    public init(
        initialInterval: Duration = .seconds(1), backoffCoefficient: Double = 2, maximumInterval: Duration = .seconds(60),
        maximumAttempts: Int = 10, nonRetryableErrorCodes: Set<String> = [], jitter: Double = 0.2,
        secondaryRateLimitWait: Duration = .seconds(60)
    ) {
        self.initialInterval = initialInterval
        self.backoffCoefficient = max(1, backoffCoefficient)
        self.maximumInterval = maximumInterval
        self.maximumAttempts = max(1, maximumAttempts)
        self.nonRetryableErrorCodes = nonRetryableErrorCodes
        self.jitter = min(1, max(0, jitter))
        self.secondaryRateLimitWait = secondaryRateLimitWait
    }

    /// 1 s doubling to at most 60 s, 10 calls, 20% jitter: the default of every built-in action.
    public static let standard = ActionRetryPolicy()

    /// Whether a step whose call failed `failures` times in a row (this failure included) may call again.
    public func allowsRetry(afterFailures failures: Int, code: String) -> Bool {
        !nonRetryableErrorCodes.contains(code) && failures < maximumAttempts
    }

    /// The exponential backoff before retry `retry` (0 for the first), jitter included.
    /// - Parameter random: a number in `0..<1`; tests pass a fixed one.
    public func backoff(retry: Int, random: Double = Double.random(in: 0..<1)) -> Duration {
        let base = initialInterval.seconds * pow(backoffCoefficient, Double(min(max(retry, 0), 62)))
        let capped = min(base, maximumInterval.seconds)
        let seconds = capped * (1 - jitter * min(max(random, 0), 1))
        return .milliseconds(Int((seconds * 1000).rounded()))
    }

    /// The wait before retry `retry` (0 for the first) after a failure that carried `hint`, in GitHub's documented
    /// order (docs.github.com, "Rate limits for the REST API", "Exceeding the rate limit"): a `retry-after` wins;
    /// else, when no requests remain, wait until the limit resets (a reset already past falls back to backoff); else,
    /// after a secondary rate limit, wait at least ``secondaryRateLimitWait`` and back off beyond it.
    public func delay(retry: Int, hint: RetryHint, now: Date, random: Double = Double.random(in: 0..<1)) -> Duration {
        switch hint {
        case .retryAfter(let wait):
            return max(wait, .zero)
        case .rateLimitReset(let reset):
            let seconds = reset.timeIntervalSince(now)
            guard seconds > 0 else { return backoff(retry: retry, random: random) }
            // A reset more than a day away is read as a day: the action's deadline ends the wait before.
            return .milliseconds(Int((min(seconds, 86_400) * 1000).rounded(.up)) + 1000)
        case .secondaryRateLimit:
            return max(secondaryRateLimitWait, backoff(retry: retry, random: random))
        case .none:
            return backoff(retry: retry, random: random)
        }
    }
}

/// What a provider's failed answer said about when to try again.
public enum RetryHint: Sendable, Hashable, Codable {
    /// It asked for this wait (`Retry-After`, in seconds on the wire).
    case retryAfter(Duration)
    /// No requests remain until this instant (`x-ratelimit-remaining: 0` with `x-ratelimit-reset`, epoch seconds).
    case rateLimitReset(Date)
    /// A secondary (abuse) rate limit that named no time.
    case secondaryRateLimit
    /// Nothing: back off.
    case none
}
