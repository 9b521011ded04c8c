import BatonCore
import BatonKit
import BatonTestSupport
import Foundation
import Testing

/// `GET /metrics` of a server with scripted actions: each Baton counts into its own registry, and a store that cannot
/// count open workflows leaves that gauge out instead of failing the scrape.
@Suite("GET /metrics")
struct MetricsRouteTests {
    @Test("Two servers in one process keep their counts apart")
    func eachBatonHasItsOwnRegistry() async throws {
        let first = try LiveServer(telemetry: TelemetrySettings(metrics: true))
        let second = try LiveServer(telemetry: TelemetrySettings(metrics: true))
        try await first.run { firstClient in
            try await second.run { secondClient in
                let (reply, _) = try await firstClient.initialize()
                #expect(reply.status == 201)
                #expect(try await firstClient.post(json: "[]").status == 400)
                let firstMetrics = try PrometheusSamples(try await firstClient.get("/metrics").text)
                let secondMetrics = try PrometheusSamples(try await secondClient.get("/metrics").text)
                #expect(firstMetrics.value(TelemetryMetric.requests, ["route": "/api/deploy", "mode": "init", "status": "201"]) == 1)
                #expect(firstMetrics.value(TelemetryMetric.requests, ["route": "/api/deploy", "mode": "invalid", "status": "400"]) == 1)
                #expect(firstMetrics.value(TelemetryMetric.workflowsOpen) == 1)
                #expect(secondMetrics.sum(TelemetryMetric.requests) == 0)
                #expect(secondMetrics.value(TelemetryMetric.workflowsOpen) == 0)
            }
        }
    }

    @Test("A store that cannot count leaves the open-workflow gauge out; the rest is served")
    func aStoreOutageLeavesTheGaugeOut() async throws {
        try await LiveServer(store: StoreOutageTests.DownStore(), telemetry: TelemetrySettings(metrics: true)).run { client in
            let initBody = #"{"mode":"init","config":{"apps":["app-b"],"github":{"owner":"acme"}}}"#
            #expect(try await client.post(json: initBody).status == 503)
            let reply = try await client.get("/metrics")
            #expect(reply.status == 200)
            let metrics = try PrometheusSamples(reply.text)
            #expect(metrics.value(TelemetryMetric.workflowsOpen) == nil)
            #expect(metrics.value(TelemetryMetric.requests, ["route": "/api/deploy", "mode": "init", "status": "503"]) == 1)
        }
    }

    @Test("Telemetry off: no /metrics route")
    func offByDefault() async throws {
        try await LiveServer().run { client in
            let reply = try await client.get("/metrics")
            #expect(reply.status == 404)
        }
    }
}
