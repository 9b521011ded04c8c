import BatonClient
import BatonCore
import Foundation
import Synchronization
import Testing

/// Backoff, jitter, `Retry-After` and which failures are retried.
@Suite("Retry policy")
struct RetryPolicyTests {
    private let unavailable = BatonClientError.api(status: 503, APIError(.unavailable, "down"), retryAfter: nil)

    @Test func delaysDoubleUpToTheCapAndJitterShortensThem() {
        let policy = RetryPolicy(initialDelay: .milliseconds(100), maxDelay: .seconds(1), jitter: { 1 })
        #expect((1...6).map { policy.delay(afterAttempt: $0, retryAfter: nil) } ==
            [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1)])
        let halved = RetryPolicy(initialDelay: .milliseconds(100), maxDelay: .seconds(1), jitter: { 0.5 })
        #expect(halved.delay(afterAttempt: 3, retryAfter: nil) == .milliseconds(200))
    }

    @Test func retryAfterIsAFloorCappedAtAMinute() {
        let policy = RetryPolicy(initialDelay: .milliseconds(100), jitter: { 1 })
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(3)) == .seconds(3))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(3600)) == .seconds(60))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .milliseconds(1)) == .milliseconds(100))
    }

    @Test func onlyTransientFailuresAreRetried() async throws {
        #expect(unavailable.isTransient)
        #expect(BatonClientError.transport(TransportFailure("refused")).isTransient)
        #expect(BatonClientError.api(status: 429, APIError(.conflict, "slow down"), retryAfter: nil).isTransient)
        let invalid = BatonClientError.api(status: 400, APIError.validationFailed([FieldIssue(path: "x", message: "y")]), retryAfter: nil)
        #expect(!invalid.isTransient)

        let policy = RetryPolicy(maxAttempts: 5, initialDelay: .milliseconds(1))
        let calls = Mutex(0)
        await #expect(throws: BatonClientError.self) {
            try await policy.run { () async throws(BatonClientError) -> Int in
                calls.withLock { $0 += 1 }
                throw invalid
            }
        }
        #expect(calls.withLock { $0 } == 1, "a 400 is not retried")
    }

    @Test func retriesUntilSuccessReportingEachRetry() async throws {
        let policy = RetryPolicy(maxAttempts: 5, initialDelay: .milliseconds(1))
        let calls = Mutex(0)
        let notices = Mutex<[RetryNotice]>([])
        let unavailable = unavailable
        let value = try await policy.run({ () async throws(BatonClientError) -> String in
            let call = calls.withLock { $0 += 1; return $0 }
            if call < 3 { throw unavailable }
            return "done"
        }, onRetry: { notice in notices.withLock { $0.append(notice) } })
        #expect(value == "done")
        #expect(notices.withLock { $0.map(\.failedAttempt) } == [1, 2])
        #expect(notices.withLock { $0.first?.description.contains("retrying in") } == true)
    }

    @Test func givesUpAfterMaxAttempts() async throws {
        let policy = RetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(1))
        let calls = Mutex(0)
        let unavailable = unavailable
        await #expect(throws: BatonClientError.self) {
            try await policy.run { () async throws(BatonClientError) -> Int in
                calls.withLock { $0 += 1 }
                throw unavailable
            }
        }
        #expect(calls.withLock { $0 } == 3)
    }
}
