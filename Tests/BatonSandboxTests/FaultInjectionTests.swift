import BatonSandbox
import HTTPTypes
import Testing

@Suite("Fault injection and control endpoints")
struct FaultInjectionTests {
    @Test("With failureRate 1 every provider request fails before any effect, in both providers' shapes")
    func everythingFails() async throws {
        try await SandboxHarness().run { client in
            try await client.faults(#"{"failureRate":1}"#)
            var gitHubStatuses: Set<Int> = []
            var vercelStatuses: Set<Int> = []
            for _ in 0..<24 {
                let github = try await client.github(
                    .post, "/repos/baton-templates/app-a/forks", body: #"{"organization":"acme"}"#)
                gitHubStatuses.insert(github.status)
                #expect(github.json?["status"]?.string == String(github.status))
                #expect(github.json?["message"]?.string != nil)
                if github.status == 429 {
                    #expect(github.header("retry-after") == "1")
                    #expect(github.header("x-ratelimit-remaining") == "0")
                    #expect(github.header("x-ratelimit-reset").flatMap(Int.init) != nil)
                }
                let vercel = try await client.vercel(.post, "/v11/projects", body: #"{"name":"never"}"#)
                vercelStatuses.insert(vercel.status)
                if vercel.status == 429 {
                    #expect(vercel.vercelErrorCode == "rate_limited")
                    #expect(vercel.header("retry-after") == "1")
                    #expect(vercel.header("x-ratelimit-remaining") == "0")
                    #expect(vercel.json?["error"]?["limit"]?["remaining"]?.int == 0)
                    #expect(vercel.json?["error"]?["limit"]?["resetMs"]?.int != nil)
                } else {
                    #expect(vercel.json?["error"]?["code"]?.string != nil)
                }
            }
            #expect(gitHubStatuses == [429, 502, 503])
            #expect(vercelStatuses == [429, 502, 503])

            let state = try await client.control(.get, "/sandbox/state")
            #expect(state.status == 200, "control endpoints never fail")
            #expect(state.json?["repositories"]?.array?.count == 3, "failed forks had no effect")
            #expect(state.json?["projects"]?.array?.isEmpty == true)
            #expect(state.json?["calls"]?["POST /repos/{owner}/{repo}/forks"]?.int == 24)
            #expect(state.json?["calls"]?["POST /v11/projects"]?.int == 24)
        }
    }

    @Test("The same seed gives the same sequence of failures")
    func seededSequence() async throws {
        let first = try await failureSequence(seed: 7)
        let second = try await failureSequence(seed: 7)
        let other = try await failureSequence(seed: 8)
        #expect(first == second)
        #expect(first != other)
        #expect(first.contains(200) && first.contains { $0 != 200 })
    }

    @Test("Calls are counted per method and route template, including failures and unknown routes")
    func callCounting() async throws {
        try await SandboxHarness().run { client in
            let project = try await client.linkedProject("shop")
            let deployment = try await client.deploy("shop", repoID: project.repoID)
            _ = try await client.vercel(.get, "/v13/deployments/\(deployment.json?["id"]?.string ?? "")")
            _ = try await client.vercel(.get, "/v13/deployments/dpl_missing")
            _ = try await client.github(.get, "/repos/acme/shop/branches/main", token: "invalid")
            _ = try await client.vercel(.get, "/v99/nothing")
            let calls = try #require(try await client.state()["calls"])
            #expect(calls["POST /repos/{owner}/{repo}/forks"]?.int == 1)
            #expect(calls["POST /v11/projects"]?.int == 1)
            #expect(calls["POST /v13/deployments"]?.int == 1)
            #expect(calls["GET /v13/deployments/{idOrUrl}"]?.int == 2)
            #expect(calls["GET /repos/{owner}/{repo}/branches/{branch}"]?.int == 1)
            #expect(calls["GET /v99/nothing"]?.int == 1)
            #expect(calls["GET /sandbox/state"] == nil)
        }
    }

    @Test("{} clears targeted faults and resets the knobs; bad fields are 400")
    func resetAndValidation() async throws {
        try await SandboxHarness(configuration: .init(forkSeconds: 4)).run { client in
            let set = try await client.faults(
                #"{"latencyMs":1,"forkSeconds":0,"buildSeconds":9,"failureRate":0.5,"seed":3,"failDeployment":"x","rejectTokens":true,"missingGitHubApp":"acme"}"#
            )
            #expect(set.status == 200)
            #expect(set.json?["forkSeconds"]?.double == 0)
            #expect(set.json?["failDeployment"]?.string == "x")
            #expect(set.json?["rejectTokens"]?.bool == true)
            let reset = try await client.faults("{}")
            #expect(reset.json?["forkSeconds"]?.double == 4)
            #expect(reset.json?["buildSeconds"]?.double == 3)
            #expect(reset.json?["failureRate"]?.double == 0)
            #expect(reset.json?["latencyMs"]?.int == 0)
            #expect(reset.json?["seed"]?.int == 1)
            #expect(reset.json?["failDeployment"]?.isNull == true)
            #expect(reset.json?["missingGitHubApp"]?.isNull == true)
            #expect(reset.json?["rejectTokens"]?.bool == false)

            let unknown = try await client.faults(#"{"chaos":true}"#)
            #expect(unknown.status == 400)
            #expect(unknown.json?["error"]?["code"]?.string == "unknown_field")
            #expect(unknown.json?["error"]?["field"]?.string == "chaos")
            let wrongType = try await client.faults(#"{"failureRate":"high"}"#)
            #expect(wrongType.status == 400)
            #expect(wrongType.json?["error"]?["field"]?.string == "failureRate")
            #expect(try await client.faults(#"{"rejectTokens":1}"#).status == 400)
            for outOfRange in [#"{"buildSeconds":1e308}"#, #"{"forkSeconds":1e308}"#, #"{"responseDelayMs":9223372036854775807}"#,
                               #"{"latencyMs":600001}"#] {
                #expect(try await client.faults(outOfRange).status == 400, "values that would overflow are refused: \(outOfRange)")
            }
            #expect(try await client.faults("[]").status == 400)
            #expect(try await client.control(.get, "/sandbox/faults").json?["rejectTokens"]?.bool == false)
        }
    }

    @Test("The provider faults are shown by GET /sandbox/faults, cleared one by one with null or all with {}")
    func providerFaultsRoundTrip() async throws {
        try await SandboxHarness().run { client in
            let initial = try await client.control(.get, "/sandbox/faults")
            for name in ["secondaryRateLimit", "readOnlyOwner", "aliasError"] {
                #expect(initial.json?[name]?.isNull == true, "\(name) is off at start-up")
            }
            let set = try await client.faults(
                #"{"secondaryRateLimit":{"count":3},"readOnlyOwner":"acme","aliasError":{"project":"shop","code":"cert_missing"}}"#
            )
            #expect(set.status == 200)
            let shown = try await client.control(.get, "/sandbox/faults")
            #expect(shown.json?["secondaryRateLimit"] == .literal(#"{"count":3,"retryAfter":null}"#))
            #expect(shown.json?["readOnlyOwner"]?.string == "acme")
            #expect(shown.json?["aliasError"] == .literal(#"{"project":"shop","code":"cert_missing"}"#))
            #expect(try await client.state()["faults"]?["readOnlyOwner"]?.string == "acme")

            let cleared = try await client.faults(#"{"secondaryRateLimit":null}"#)
            #expect(cleared.json?["secondaryRateLimit"]?.isNull == true)
            #expect(cleared.json?["readOnlyOwner"]?.string == "acme", "null clears only the field it is given for")
            #expect(cleared.json?["aliasError"]?["code"]?.string == "cert_missing")
            let kept = try await client.faults(#"{"latencyMs":0}"#)
            #expect(kept.json?["readOnlyOwner"]?.string == "acme", "fields not sent keep their value")
            let reset = try await client.faults("{}")
            #expect(reset.json?["readOnlyOwner"]?.isNull == true)
            #expect(reset.json?["aliasError"]?.isNull == true)
        }
    }

    @Test(
        "An invalid provider fault is a 400 naming its field, and changes nothing",
        arguments: [
            ("secondaryRateLimit", #"{"count":0}"#), ("secondaryRateLimit", #"{"count":"2"}"#),
            ("secondaryRateLimit", #"{"count":1.5}"#), ("secondaryRateLimit", #"{"retryAfter":5}"#),
            ("secondaryRateLimit", #"{"count":1,"retryAfter":-1}"#),
            ("secondaryRateLimit", #"{"count":1,"retryAfter":"soon"}"#),
            ("secondaryRateLimit", #"{"count":1,"burst":true}"#), ("secondaryRateLimit", "2"),
            ("readOnlyOwner", #""""#), ("readOnlyOwner", "7"), ("readOnlyOwner", #"{"owner":"acme"}"#),
            ("aliasError", #"{"project":"shop"}"#), ("aliasError", #"{"project":"shop","code":""}"#),
            ("aliasError", #"{"project":"","code":"cert_missing"}"#),
            ("aliasError", #"{"project":"shop","code":"cert_missing","alias":"x"}"#),
            ("aliasError", #""shop""#),
            ("secondaryRateLimit", #"{"count":1,"retryAfter":9223372036854775807}"#),
        ])
    func invalidProviderFault(field: String, value: String) async throws {
        try await SandboxHarness().run { client in
            let refused = try await client.faults(#"{"rejectTokens":true,"\#(field)":\#(value)}"#)
            #expect(refused.status == 400)
            #expect(refused.json?["error"]?["code"]?.string == "invalid_value")
            #expect(refused.json?["error"]?["field"]?.string == field)
            #expect(refused.json?["error"]?["message"]?.string?.hasPrefix("`\(field)` must be") == true)
            let faults = try await client.control(.get, "/sandbox/faults")
            #expect(faults.json?[field]?.isNull == true)
            #expect(faults.json?["rejectTokens"]?.bool == false, "a refused update applies nothing")
        }
    }

    private func failureSequence(seed: UInt64) async throws -> [Int] {
        let statuses = StatusLog()
        try await SandboxHarness(configuration: .init(failureRate: 0.5, seed: seed)).run { client in
            for _ in 0..<16 {
                await statuses.append(try await client.vercel(.get, "/v2/user").status)
            }
        }
        return await statuses.values
    }
}

/// Collects statuses across the harness's sendable closure.
private actor StatusLog {
    private(set) var values: [Int] = []

    func append(_ status: Int) {
        values.append(status)
    }
}
