import BatonSandbox
import HTTPTypes
import Testing

@Suite("Tokens and API versions")
struct AuthenticationTests {
    @Test(
        "GitHub: bad token 401 Bad credentials, missing token 401 Requires authentication",
        arguments: ["invalid", "bad-expired"])
    func gitHubRejectsBadTokens(token: String) async throws {
        try await SandboxHarness().run { client in
            let bad = try await client.github(.get, "/user", token: token)
            #expect(bad.status == 401)
            #expect(bad.json?["message"]?.string == "Bad credentials")
            #expect(bad.json?["status"]?.string == "401")
            #expect(bad.header("x-ratelimit-limit") != nil)
            let missing = try await client.github(.get, "/user", token: nil)
            #expect(missing.status == 401)
            #expect(missing.json?["message"]?.string == "Requires authentication")
            let forkWithoutToken = try await client.github(.post, "/repos/baton-templates/app-a/forks", token: nil)
            #expect(forkWithoutToken.status == 401)
            let publicRead = try await client.github(.get, "/repos/baton-templates/app-a", token: nil)
            #expect(publicRead.status == 200, "public repositories can be read anonymously")
            #expect(publicRead.header("x-ratelimit-limit") == "60")
        }
    }

    @Test("Vercel: bad and missing tokens are 403 forbidden")
    func vercelRejectsBadTokens() async throws {
        try await SandboxHarness().run { client in
            let bad = try await client.vercel(.get, "/v2/user", token: ProviderSandbox.rejectedToken)
            #expect(bad.status == 403)
            #expect(bad.vercelErrorCode == "forbidden")
            #expect(bad.json?["error"]?["message"]?.string == "Not authorized")
            #expect(bad.json?["error"]?["invalidToken"]?.bool == true)
            let missing = try await client.vercel(.get, "/v2/user", token: nil)
            #expect(missing.status == 403)
            #expect(missing.vercelErrorCode == "forbidden")
            let good = try await client.vercel(.get, "/v2/user")
            #expect(good.status == 200)
            #expect(good.json?["user"]?["username"]?.string == "baton-sandbox-user")
        }
    }

    @Test("The rejectTokens fault makes every provider call answer as to a bad token, until cleared")
    func rejectTokensFault() async throws {
        try await SandboxHarness().run { client in
            try await client.faults(#"{"rejectTokens":true}"#)
            #expect(try await client.github(.get, "/user").status == 401)
            #expect(try await client.github(.get, "/repos/baton-templates/app-a", token: nil).status == 401)
            let vercel = try await client.vercel(.get, "/v2/user")
            #expect(vercel.status == 403)
            #expect(vercel.json?["error"]?["invalidToken"]?.bool == true)
            try await client.faults("{}")
            #expect(try await client.github(.get, "/user").status == 200)
            #expect(try await client.vercel(.get, "/v2/user").status == 200)
            #expect(ProviderSandbox.accepts(token: "anything") && !ProviderSandbox.accepts(token: "bad-x"))
        }
    }

    @Test("GitHub answers 400 for an unknown X-GitHub-Api-Version and accepts the known ones")
    func apiVersions() async throws {
        try await SandboxHarness().run { client in
            let unknown = try await client.github(.get, "/user", apiVersion: "2021-01-01")
            #expect(unknown.status == 400)
            #expect(unknown.json?["status"]?.string == "400")
            #expect(try await client.github(.get, "/user", apiVersion: nil).status == 200)
            let latest = try await client.github(.get, "/repos/baton-templates/app-a", apiVersion: "2026-03-10")
            #expect(latest.status == 200)
            #expect(latest.json?["has_downloads"] == nil, "2026-03-10 drops has_downloads")
            let old = try await client.github(.get, "/repos/baton-templates/app-a")
            #expect(old.json?["has_downloads"]?.bool == true)
            #expect(old.header("content-type") == "application/json; charset=utf-8")
            #expect(old.header("x-github-media-type") == "github.v3; format=json")
        }
    }
}
