import BatonCore
import Foundation
import Testing

@Suite("Action retry policy")
struct ActionRetryPolicyTests {
    let policy = ActionRetryPolicy(
        initialInterval: .seconds(1), backoffCoefficient: 2, maximumInterval: .seconds(30), maximumAttempts: 4, jitter: 0.2
    )
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func backoffGrowsByTheCoefficientUpToTheMaximum() {
        #expect((0..<7).map { policy.backoff(retry: $0, random: 0) } == [1, 2, 4, 8, 16, 30, 30].map { Duration.seconds($0) })
    }

    @Test func jitterOnlyShortensAWaitAndByAtMostItsShare() {
        #expect(policy.backoff(retry: 3, random: 0.999_999) == .milliseconds(6400))
        #expect(policy.backoff(retry: 3, random: 0.5) == .milliseconds(7200))
        let waits = (0..<200).map { _ in policy.backoff(retry: 2) }
        #expect(waits.allSatisfy { $0 > .milliseconds(3199) && $0 <= .seconds(4) })
        #expect(Set(waits).count > 10, "the jitter varies")
    }

    @Test func waitsFollowGitHubsDocumentedOrder() {
        // 1. retry-after wins, even when longer than the backoff's cap.
        #expect(policy.delay(retry: 0, hint: .retryAfter(.seconds(90)), now: now, random: 0) == .seconds(90))
        // 2. no requests left: until the reset (plus a second for clock skew).
        #expect(policy.delay(retry: 0, hint: .rateLimitReset(now.addingTimeInterval(42)), now: now, random: 0) == .seconds(43))
        // A reset already past falls back to backoff.
        #expect(policy.delay(retry: 2, hint: .rateLimitReset(now.addingTimeInterval(-5)), now: now, random: 0) == .seconds(4))
        // 3. a secondary limit with no time: at least a minute, then backoff beyond it.
        let longer = ActionRetryPolicy(maximumInterval: .seconds(600), jitter: 0)
        #expect(longer.delay(retry: 0, hint: .secondaryRateLimit, now: now) == .seconds(60))
        #expect(longer.delay(retry: 7, hint: .secondaryRateLimit, now: now) == .seconds(128))
        // Otherwise, backoff.
        #expect(policy.delay(retry: 1, hint: .none, now: now, random: 0) == .seconds(2))
    }

    @Test func maximumAttemptsCountsTheFirstCallAndCodesCanOptOut() {
        #expect(policy.allowsRetry(afterFailures: 3, code: "provider_unavailable"))
        #expect(!policy.allowsRetry(afterFailures: 4, code: "provider_unavailable"))
        let strict = ActionRetryPolicy(maximumAttempts: 10, nonRetryableErrorCodes: ["provider_unavailable"])
        #expect(!strict.allowsRetry(afterFailures: 1, code: "provider_unavailable"))
        #expect(strict.allowsRetry(afterFailures: 1, code: "rate_limited"))
        #expect(!ActionRetryPolicy(maximumAttempts: 1).allowsRetry(afterFailures: 1, code: "rate_limited"))
    }
}
