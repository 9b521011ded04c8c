import BatonCore
import Foundation

/// Measures what a client sees per action with an instant test action: `trigger` to `succeeded`, one after another.
struct ActionOverheadProbe {
    let client: BenchClient
    let servers: BenchServers

    /// Runs `actions` actions (after a warm-up) and returns their round trips, and the control's for the same count.
    /// Each action is followed by one control request, so both samples see the same moments of a noisy machine.
    func run(actions: Int, warmup: Int) async throws -> (baton: LatencySample, control: LatencySample) {
        var baton = LatencySample()
        var control = LatencySample()
        let echo = #"{"mode":"trigger","workflowId":"wf_0123456789abcdef0123456789abcdef","app":"app-b","action":"fork-repository"}"#
        var measured = -warmup
        while measured < actions {
            let workflow = try await initialize()
            for app in workflow.apps {
                for action in app.actions where measured < actions {
                    let json = #"{"mode":"trigger","workflowId":"\#(workflow.workflowID)","app":"\#(app.id)","action":"\#(action.id)"}"#
                    let reply = try await client.post(servers.batonURL + "/api/deploy", json: json, token: workflow.token)
                    guard reply.status == 200, String(decoding: reply.body, as: UTF8.self).contains(#""state":"succeeded""#) else {
                        throw BenchError("trigger of \(app.id)/\(action.id) answered \(reply.status): \(String(decoding: reply.body, as: UTF8.self))")
                    }
                    let echoed = try await client.post(servers.controlURL + "/echo", json: echo)
                    guard echoed.status == 200 else { throw BenchError("control answered \(echoed.status)") }
                    if measured >= 0 {
                        baton.add(reply.elapsed)
                        control.add(echoed.elapsed)
                    }
                    measured += 1
                }
            }
        }
        return (baton, control)
    }

    private func initialize() async throws -> InitResponse {
        let json = #"{"mode":"init","config":{"apps":["app-a","app-b","app-c"],"github":{"owner":"bench"},"domain":"bench.example.com"},"envVars":{"app-a":{"DATABASE_URL":"postgres://bench"}}}"#
        let reply = try await client.post(servers.batonURL + "/api/deploy", json: json)
        guard reply.status == 201 else { throw BenchError("init answered \(reply.status)") }
        return try JSONDecoder().decode(InitResponse.self, from: reply.body)
    }
}

/// A benchmark that could not run.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
