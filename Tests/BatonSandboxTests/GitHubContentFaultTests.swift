import BatonSandbox
import HTTPTypes
import Testing

@Suite("GitHub faults on content creation")
struct GitHubContentFaultTests {
    private let secondaryLimitBody =
        #"{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits","status":"403"}"#

    private func notAccessibleBody(_ documentation: String) -> String {
        #"{"message":"Resource not accessible by personal access token","documentation_url":"\#(documentation)","status":"403"}"#
    }

    @Test("contentCreationLimit refuses forks and generates beyond its per-minute or per-hour count, creating nothing")
    func contentCreationLimit() async throws {
        try await SandboxHarness().run { client in
            for (limit, what) in [(#"{"perMinute":2,"perHour":100}"#, "a minute"), (#"{"perMinute":100,"perHour":2}"#, "an hour")] {
                let set = try await client.faults(#"{"contentCreationLimit":\#(limit)}"#)
                #expect(set.status == 200)
                #expect(set.json?["contentCreationLimit"] == .literal(limit))
                let before = try await client.state()["repositories"]?.array?.count ?? 0
                var statuses: [Int] = []
                for name in ["one", "two", "three"] {
                    let reply = try await client.github(
                        .post, "/repos/baton-templates/app-c/generate", body: #"{"name":"\#(name)-\#(what.count)","owner":"acme"}"#)
                    statuses.append(reply.status)
                    if reply.status == 403 {
                        #expect(reply.json == .literal(secondaryLimitBody))
                        #expect(reply.header("retry-after") == nil, "GitHub often sends none")
                    }
                }
                #expect(statuses == [201, 201, 403], "two in \(what), then refused: \(statuses)")
                #expect(try await client.state()["repositories"]?.array?.count == before + 2, "the refused call created nothing")
                let fork = try await client.github(.post, "/repos/baton-templates/app-a/forks", body: #"{"organization":"acme"}"#)
                #expect(fork.status == 403, "forks count too")
            }
            let bad = try await client.faults(#"{"contentCreationLimit":{"perMinute":0,"perHour":5}}"#)
            #expect(bad.status == 400 && bad.json?["error"]?["field"]?.string == "contentCreationLimit")
            let cleared = try await client.faults(#"{"contentCreationLimit":null}"#)
            #expect(cleared.json?["contentCreationLimit"]?.isNull == true)
            let free = try await client.github(
                .post, "/repos/baton-templates/app-c/generate", body: #"{"name":"free","owner":"acme"}"#)
            #expect(free.status == 201)
        }
    }

    @Test("secondaryRateLimit refuses the next N forks and generates with 403, then clears itself")
    func secondaryRateLimit() async throws {
        try await SandboxHarness().run { client in
            let set = try await client.faults(#"{"secondaryRateLimit":{"count":2,"retryAfter":30}}"#)
            #expect(set.status == 200)
            #expect(set.json?["secondaryRateLimit"] == .literal(#"{"count":2,"retryAfter":30}"#))

            let fork = try await client.github(
                .post, "/repos/baton-templates/app-a/forks", body: #"{"organization":"acme"}"#)
            #expect(fork.status == 403)
            #expect(fork.json == .literal(secondaryLimitBody))
            #expect(fork.header("retry-after") == "30")
            let remaining = try #require(fork.header("x-ratelimit-remaining").flatMap(Int.init))
            #expect(remaining > 0, "a secondary limit is not the primary quota")
            #expect(fork.header("x-ratelimit-limit") == "5000")
            #expect(fork.header("x-ratelimit-reset").flatMap(Int.init) != nil)
            #expect(fork.header("x-ratelimit-resource") == "core")
            #expect(
                try await client.control(.get, "/sandbox/faults").json?["secondaryRateLimit"]
                    == .literal(#"{"count":1,"retryAfter":30}"#))

            let read = try await client.github(.get, "/repos/baton-templates/app-a")
            #expect(read.status == 200, "reads are not content creation")
            let generate = try await client.github(
                .post, "/repos/baton-templates/app-b/generate", body: #"{"name":"shop","owner":"acme"}"#)
            #expect(generate.status == 403)
            #expect(generate.json == .literal(secondaryLimitBody))
            #expect(generate.header("retry-after") == "30")
            #expect(try await client.control(.get, "/sandbox/faults").json?["secondaryRateLimit"]?.isNull == true)
            #expect(try await client.state()["repositories"]?.array?.count == 3, "refused calls create nothing")

            let allowed = try await client.github(
                .post, "/repos/baton-templates/app-a/forks", body: #"{"organization":"acme"}"#)
            #expect(allowed.status == 202)

            try await client.faults(#"{"secondaryRateLimit":{"count":1,"retryAfter":null}}"#)
            let withoutHint = try await client.github(
                .post, "/repos/baton-templates/app-b/generate", body: #"{"name":"shop","owner":"acme"}"#)
            #expect(withoutHint.status == 403)
            #expect(withoutHint.header("retry-after") == nil)
            #expect(withoutHint.header("x-ratelimit-remaining").flatMap(Int.init).map { $0 > 0 } == true)
            #expect(
                try await client.github(
                    .post, "/repos/baton-templates/app-b/generate", body: #"{"name":"shop","owner":"acme"}"#
                ).status == 201)

            let calls = try #require(try await client.state()["calls"])
            #expect(calls["POST /repos/{owner}/{repo}/forks"]?.int == 2)
            #expect(calls["POST /repos/{template_owner}/{template_repo}/generate"]?.int == 3)
        }
    }

    @Test("readOnlyOwner refuses forks into that owner with 403 and the fork's fine-grained permissions")
    func readOnlyOwnerForks() async throws {
        try await SandboxHarness().run { client in
            _ = try await client.github(.post, "/repos/baton-templates/app-b/forks", body: #"{"organization":"acme"}"#)
            try await client.faults(#"{"readOnlyOwner":"acme"}"#)
            for body in [#"{"organization":"acme"}"#, #"{"organization":"ACME","name":"other"}"#] {
                let refused = try await client.github(.post, "/repos/baton-templates/app-a/forks", body: body)
                #expect(refused.status == 403)
                #expect(refused.json == .literal(notAccessibleBody("https://docs.github.com/rest/repos/forks#create-a-fork")))
                #expect(refused.header("x-accepted-github-permissions") == "administration=write,contents=read")
                #expect(refused.header("X-Accepted-GitHub-Permissions") == "administration=write,contents=read")
            }
            let existing = try await client.github(
                .post, "/repos/baton-templates/app-b/forks", body: #"{"organization":"acme"}"#)
            #expect(existing.status == 403, "the permission is checked before an existing fork is returned")

            let elsewhere = try await client.github(
                .post, "/repos/baton-templates/app-a/forks", body: #"{"organization":"zeta"}"#)
            #expect(elsewhere.status == 202)
            #expect(try await client.github(.post, "/repos/baton-templates/app-a/forks").status == 202)
            #expect(try await client.control(.get, "/sandbox/faults").json?["readOnlyOwner"]?.string == "acme")

            try await client.faults(#"{"readOnlyOwner":"baton-sandbox-user"}"#)
            let intoUser = try await client.github(.post, "/repos/baton-templates/app-c/forks")
            #expect(intoUser.status == 403, "without organization the fork goes to the authenticated user")
            #expect(intoUser.header("x-accepted-github-permissions") == "administration=write,contents=read")

            try await client.faults(#"{"readOnlyOwner":null}"#)
            #expect(try await client.control(.get, "/sandbox/faults").json?["readOnlyOwner"]?.isNull == true)
            let afterwards = try await client.github(
                .post, "/repos/baton-templates/app-a/forks", body: #"{"organization":"acme"}"#)
            #expect(afterwards.status == 202)
            let forks = try await client.state()["repositories"]?.array?
                .filter { $0["fork"]?.bool == true }.compactMap { $0["fullName"]?.string }
            #expect(forks == ["acme/app-b", "zeta/app-a", "baton-sandbox-user/app-a", "acme/app-a"])
        }
    }

    @Test("readOnlyOwner refuses generating into that owner with 403 and administration=write")
    func readOnlyOwnerGenerate() async throws {
        try await SandboxHarness().run { client in
            try await client.faults(#"{"readOnlyOwner":"acme"}"#)
            let refused = try await client.github(
                .post, "/repos/baton-templates/app-c/generate", body: #"{"name":"shop","owner":"acme"}"#)
            #expect(refused.status == 403)
            #expect(
                refused.json
                    == .literal(
                        notAccessibleBody(
                            "https://docs.github.com/rest/repos/repos#create-a-repository-using-a-template")))
            #expect(refused.header("x-accepted-github-permissions") == "administration=write")
            #expect(refused.header("retry-after") == nil)
            #expect(
                try await client.github(
                    .post, "/repos/baton-templates/app-c/generate", body: #"{"name":"shop","owner":"zeta"}"#
                ).status == 201)
            #expect(
                try await client.github(.post, "/repos/baton-templates/app-c/generate", body: #"{"name":"shop"}"#)
                    .status == 201)

            try await client.faults(#"{"readOnlyOwner":"baton-sandbox-user"}"#)
            let intoUser = try await client.github(
                .post, "/repos/baton-templates/app-a/generate", body: #"{"name":"blog"}"#)
            #expect(intoUser.status == 403, "without owner the repository goes to the authenticated user")
            let created = try await client.state()["repositories"]?.array?.compactMap { $0["fullName"]?.string }
            #expect(created?.filter { !$0.hasPrefix("baton-templates/") } == ["zeta/shop", "baton-sandbox-user/shop"])
        }
    }
}
