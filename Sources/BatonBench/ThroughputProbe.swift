import BatonCore
import Foundation
import Synchronization

/// Measures requests per second with many requests in flight: Baton's `status` of one action, and the control's echo.
struct ThroughputProbe {
    let client: BenchClient
    let servers: BenchServers

    /// Status requests per second for `seconds`, with `concurrency` requests in flight, and the control's rate alike.
    func run(concurrency: Int, seconds: Double) async throws -> (baton: Double, control: Double) {
        let workflow = try await prepareWorkflow()
        let status = #"{"mode":"status","workflowId":"\#(workflow.workflowID)","app":"app-b","action":"fork-repository"}"#
        let baton = try await rate(url: servers.batonURL + "/api/deploy", json: status, token: workflow.token,
                                   concurrency: concurrency, seconds: seconds, expect: #""state":"succeeded""#)
        let control = try await rate(url: servers.controlURL + "/echo", json: status, token: nil,
                                     concurrency: concurrency, seconds: seconds, expect: #""mode":"status""#)
        return (baton, control)
    }

    private func prepareWorkflow() async throws -> InitResponse {
        let json = #"{"mode":"init","config":{"apps":["app-b"],"github":{"owner":"bench"}}}"#
        let reply = try await client.post(servers.batonURL + "/api/deploy", json: json)
        let workflow = try JSONDecoder().decode(InitResponse.self, from: reply.body)
        let trigger = #"{"mode":"trigger","workflowId":"\#(workflow.workflowID)","app":"app-b","action":"fork-repository"}"#
        _ = try await client.post(servers.batonURL + "/api/deploy", json: trigger, token: workflow.token)
        return workflow
    }

    private func rate(url: String, json: String, token: String?, concurrency: Int, seconds: Double, expect: String) async throws -> Double {
        // A short warm-up opens the connections before the clock starts.
        for _ in 0..<concurrency { _ = try await client.post(url, json: json, token: token) }
        let clock = ContinuousClock()
        let end = clock.now + .milliseconds(Int(seconds * 1000))
        let start = clock.now
        let completed = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var count = 0
                    while clock.now < end {
                        let reply = try await client.post(url, json: json, token: token)
                        guard reply.status == 200, String(decoding: reply.body, as: UTF8.self).contains(expect) else {
                            throw BenchError("\(url) answered \(reply.status)")
                        }
                        count += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        return Double(completed) / (clock.now - start).microseconds * 1e6
    }
}
