import BatonCore
import Foundation
import NIOHTTP1
import Testing

@testable import BatonProviders

@Suite("Reading a provider's retry headers")
struct RetryTimingTests {
    @Test func retryAfterWinsOverTheResetTime() {
        let headers: HTTPHeaders = ["Retry-After": "7", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1800000042"]
        #expect(RetryTiming.hint(headers) == .retryAfter(.seconds(7)))
    }

    @Test func noRequestsLeftMeansWaitingForTheReset() {
        let headers: HTTPHeaders = ["x-ratelimit-remaining": "0", "x-ratelimit-reset": "1800000042"]
        #expect(RetryTiming.hint(headers) == .rateLimitReset(Date(timeIntervalSince1970: 1_800_000_042)))
    }

    @Test func aSecondaryLimitWithoutAWaitSaysSo() {
        let headers: HTTPHeaders = ["x-ratelimit-remaining": "12", "x-ratelimit-reset": "1800000042"]
        #expect(RetryTiming.hint(headers, secondaryLimit: true) == .secondaryRateLimit)
        #expect(RetryTiming.hint(headers) == .none)
        #expect(RetryTiming.hint([:]) == .none)
    }
}

@Suite("Retry headers that would overflow")
struct RetryHeaderBoundsTests {
    @Test func infiniteOrFarOffWaitsAreClampedInsteadOfCrashing() {
        #expect(RetryTiming.hint(["Retry-After": "inf"]) == .retryAfter(.seconds(86_400)))
        #expect(RetryTiming.hint(["Retry-After": "nan"]) == .none)
        let hint = RetryTiming.hint(["x-ratelimit-remaining": "0", "x-ratelimit-reset": "1e300"])
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(ActionRetryPolicy.standard.delay(retry: 0, hint: hint, now: now) == .seconds(86_401))
    }
}
