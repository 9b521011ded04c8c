import BatonCore

/// How a client rides out transient failures (no answer, 5xx, 429): exponential backoff with jitter, honouring
/// `Retry-After`. Retrying is safe because every Baton action converges: a repeated request creates nothing twice.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    /// The delay before the first retry, before jitter.
    public var initialDelay: Duration
    /// The longest delay between attempts, before jitter.
    public var maxDelay: Duration
    /// Picks a jitter factor in `0.5...1`; replaceable for deterministic tests.
    public var jitter: @Sendable () -> Double

    /// Creates a policy; the defaults try 8 times over roughly 15 seconds.
    public init(
        maxAttempts: Int = 8, initialDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(5),
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0.5...1) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.jitter = jitter
    }

    /// Never retries.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The wait before attempt `attempt + 1`, after `attempt` failed attempts: `initialDelay × 2^(attempt-1)`,
    /// capped at `maxDelay`, times the jitter factor; never shorter than the server's `Retry-After`.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration?) -> Duration {
        var backoff = initialDelay
        for _ in 1..<max(1, attempt) where backoff < maxDelay { backoff *= 2 }
        let jittered = min(backoff, maxDelay) * jitter()
        guard let retryAfter else { return jittered }
        return max(jittered, min(retryAfter, .seconds(60)))
    }

    /// Runs `operation`, retrying transient ``BatonClientError``s; calls `onRetry` before each wait. Rethrows the
    /// last error when attempts run out, and `CancellationError` when the task is cancelled while waiting.
    public func run<Value: Sendable>(
        _ operation: () async throws(BatonClientError) -> Value,
        onRetry: @Sendable (RetryNotice) async -> Void = { _ in }
    ) async throws -> Value {
        var attempt = 1
        while true {
            let failure: BatonClientError
            do {
                return try await operation()
            } catch {
                failure = error
            }
            if case .cancelled = failure { throw CancellationError() }
            guard failure.isTransient, attempt < maxAttempts else { throw failure }
            let wait = delay(afterAttempt: attempt, retryAfter: failure.retryAfter)
            await onRetry(RetryNotice(failedAttempt: attempt, error: failure, delay: wait))
            try await Task.sleep(for: wait)
            attempt += 1
        }
    }
}

/// A transient failure about to be retried.
public struct RetryNotice: Sendable, Hashable, CustomStringConvertible {
    /// How many attempts have failed so far.
    public var failedAttempt: Int
    /// The failure.
    public var error: BatonClientError
    /// The wait before the next attempt.
    public var delay: Duration

    /// Creates a notice.
    public init(failedAttempt: Int, error: BatonClientError, delay: Duration) {
        self.failedAttempt = failedAttempt
        self.error = error
        self.delay = delay
    }

    /// For example "could not connect to 127.0.0.1:8080; retrying in 0.4 s (attempt 2)".
    public var description: String {
        let seconds = (delay.seconds * 10).rounded() / 10
        return "\(error); retrying in \(seconds) s (attempt \(failedAttempt + 1))"
    }
}
