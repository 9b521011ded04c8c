import BatonSandbox
import Foundation
import HTTPTypes
import Testing

@Suite("responseDelayMs: the effect happens, the answer comes late")
struct ResponseDelayTests {
    @Test("A delayed create is visible in /sandbox/state before its answer arrives")
    func effectBeforeAnswer() async throws {
        // A delay far longer than one /sandbox/state read takes even on a loaded machine, so the read that sees the
        // project is answered before the create's answer.
        try await SandboxHarness().run { client in
            let set = try await client.faults(#"{"responseDelayMs":8000}"#)
            #expect(set.status == 200)
            #expect(set.json?["responseDelayMs"]?.int == 8_000)

            let started = ContinuousClock.now
            let (seenAt, answeredAt) = try await withThrowingTaskGroup(of: ContinuousClock.Instant.self) { group in
                group.addTask {
                    let reply = try await client.vercel(.post, "/v11/projects", body: #"{"name":"slow"}"#)
                    #expect(reply.status == 200)
                    #expect(reply.json?["name"]?.string == "slow")
                    return ContinuousClock.now
                }
                var seenAt: ContinuousClock.Instant?
                while seenAt == nil, ContinuousClock.now - started < .seconds(7) {
                    let projects = try await client.state()["projects"]?.array ?? []
                    if projects.contains(where: { $0["name"]?.string == "slow" }) {
                        seenAt = ContinuousClock.now
                    } else {
                        try await Task.sleep(for: .milliseconds(20))
                    }
                }
                let answeredAt = try await group.next() ?? started
                return (try #require(seenAt, "the project appeared"), answeredAt)
            }
            #expect(seenAt < answeredAt, "the project existed while its creator still waited for the answer")
            #expect(answeredAt - started >= .milliseconds(8_000), "the answer was held back")
            let state = try await client.state()
            #expect(state["calls"]?["POST /v11/projects"]?.int == 1)
            #expect(state["faults"]?["responseDelayMs"]?.int == 8_000)
        }
    }

    @Test("Control endpoints are never delayed")
    func controlEndpointsAreImmediate() async throws {
        try await SandboxHarness(configuration: .init(responseDelayMs: 10_000)).run { client in
            let started = ContinuousClock.now
            let state = try await client.control(.get, "/sandbox/state")
            let knobs = try await client.control(.get, "/sandbox/faults")
            // Delayed, the two would take 20 s at least; a loaded machine may take seconds to answer them at all.
            #expect(ContinuousClock.now - started < .seconds(10), "less than one 10 s delay for both")
            #expect(state.status == 200)
            #expect(knobs.json?["responseDelayMs"]?.int == 10_000)
        }
    }

    @Test("Setting responseDelayMs back to 0 answers at once again")
    func zeroTurnsTheDelayOff() async throws {
        try await SandboxHarness(configuration: .init(responseDelayMs: 10_000)).run { client in
            try await client.faults(#"{"responseDelayMs":0}"#)
            let started = ContinuousClock.now
            let created = try await client.vercel(.post, "/v11/projects", body: #"{"name":"quick"}"#)
            // Delayed, the two would take 20 s at least; a loaded machine may take seconds to answer them at all.
            #expect(ContinuousClock.now - started < .seconds(10), "less than one 10 s delay for both")
            #expect(created.status == 200)
            let knobs = try await client.control(.get, "/sandbox/faults")
            #expect(knobs.json?["responseDelayMs"]?.int == 0)
        }
    }

    @Test("{} returns responseDelayMs to its start-up value; bad values are 400")
    func resetAndValidation() async throws {
        try await SandboxHarness(configuration: .init(responseDelayMs: 25)).run { client in
            #expect(try await client.faults(#"{"responseDelayMs":900}"#).json?["responseDelayMs"]?.int == 900)
            #expect(try await client.faults(#"{"latencyMs":1}"#).json?["responseDelayMs"]?.int == 900, "absent fields keep their value")
            #expect(try await client.faults("{}").json?["responseDelayMs"]?.int == 25)
            for bad in [#"{"responseDelayMs":-1}"#, #"{"responseDelayMs":"slow"}"#, #"{"responseDelayMs":1.5}"#] {
                let reply = try await client.faults(bad)
                #expect(reply.status == 400, "\(bad)")
                #expect(reply.json?["error"]?["field"]?.string == "responseDelayMs")
            }
            #expect(try await client.control(.get, "/sandbox/faults").json?["responseDelayMs"]?.int == 25)
        }
    }
}
