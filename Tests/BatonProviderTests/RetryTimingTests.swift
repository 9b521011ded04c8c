import BatonProviders
import Foundation
import NIOHTTP1
import Testing

@Suite("Retry timing and DNS records")
struct RetryTimingTests {
    @Test func honoursRetryAfterThenRateLimitResetThenBacksOff() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(RetryTiming.requestedWait(["Retry-After": "7"], now: now) == .seconds(7))
        #expect(RetryTiming.requestedWait(["x-ratelimit-remaining": "0", "x-ratelimit-reset": "1800000042"], now: now) == .seconds(42))
        #expect(RetryTiming.requestedWait(["x-ratelimit-remaining": "12", "x-ratelimit-reset": "1800000042"], now: now) == nil)
        #expect(RetryTiming.requestedWait([:], now: now) == nil)
        #expect((0..<4).map(RetryTiming.backoff(retry:)) == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4)])
        #expect(RetryTiming.backoff(retry: 40) == .seconds(30))
    }

    @Test func anApexGetsTheRankOneARecordAndChallengesBecomeTXTRecords() throws {
        let json = #"""
            {"name":"example.com","apexName":"example.com","projectId":"prj_1","verified":false,
             "verification":[{"type":"TXT","domain":"_vercel.example.com","value":"vc-domain-verify=example.com,abc","reason":"pending_domain_verification"}]}
            """#
        let domain = try JSONDecoder().decode(VercelProjectDomain.self, from: Data(json.utf8))
        let config = try JSONDecoder().decode(VercelDomainConfig.self, from: Data(#"""
            {"configuredBy":null,"acceptedChallenges":[],"misconfigured":true,
             "recommendedIPv4":[{"rank":2,"value":["76.76.21.21"]},{"rank":1,"value":["216.198.79.1","216.198.79.2"]}],
             "recommendedCNAME":[{"rank":1,"value":"cname.vercel-dns-0.com"}]}
            """#.utf8))
        #expect(DNSRecords.records(for: domain, config: config) == [
            DNSRecord(type: "A", name: "@", value: "216.198.79.1"),
            DNSRecord(type: "TXT", name: "_vercel", value: "vc-domain-verify=example.com,abc"),
        ])
    }
}
