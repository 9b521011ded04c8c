import BatonSandbox
import BatonTestSupport
import Foundation
import HTTPTypes
import Testing

@Suite("OAuth sign-in: whose tokens write where")
struct OAuthIdentityTests {
    @Test("A GitHub user token forks and generates into its own login and its installed organization only")
    func gitHubUserWritesWhereInstalled() async throws {
        try await SandboxHarness().runLive { client in
            let alice = try await client.gitHubSignIn("octo-alice").accessToken
            let own = try await client.github(.post, "/repos/baton-templates/app-a/forks", token: alice)
            #expect(own.status == 202)
            #expect(own.json?["owner"]?["login"]?.string == "octo-alice")
            #expect(own.json?["owner"]?["type"]?.string == "User")
            let labs = try await client.github(
                .post, "/repos/baton-templates/app-a/forks", body: #"{"organization":"alice-labs"}"#, token: alice)
            #expect(labs.status == 202)
            #expect(labs.json?["full_name"]?.string == "alice-labs/app-a")
            #expect(labs.json?["owner"]?["type"]?.string == "Organization")
            let generated = try await client.github(
                .post, "/repos/baton-templates/app-b/generate", body: #"{"name":"shop","owner":"alice-labs"}"#,
                token: alice)
            #expect(generated.status == 201)

            for (owner, why) in [
                ("alice-archive", "the App is not installed there"), ("bob-works", "another user's organization"),
                ("newco", "an organization that does not exist"),
            ] {
                let fork = try await client.github(
                    .post, "/repos/baton-templates/app-a/forks", body: #"{"organization":"\#(owner)"}"#, token: alice)
                #expect(fork.status == 403, "\(why)")
                #expect(fork.json?["message"]?.string == "Resource not accessible by integration")
                #expect(fork.json?["status"]?.string == "403")
                #expect(fork.header("x-accepted-github-permissions") == "administration=write,contents=read")
                let generate = try await client.github(
                    .post, "/repos/baton-templates/app-b/generate", body: #"{"name":"x","owner":"\#(owner)"}"#,
                    token: alice)
                #expect(generate.status == 403, "\(why)")
                #expect(generate.json?["message"]?.string == "Resource not accessible by integration")
                #expect(generate.header("x-accepted-github-permissions") == "administration=write")
            }

            let repositories = try await client.state()["repositories"]?.array ?? []
            let owned = repositories.filter { $0["fork"]?.bool == true || $0["isTemplate"]?.bool == false }
            #expect(owned.compactMap { $0["owner"]?.string } == ["octo-alice", "alice-labs", "alice-labs"])
            #expect(repositories.first?["owner"]?.string == "baton-templates")
            #expect(!repositories.contains { $0["owner"]?.string == "newco" }, "a user token creates no organization")
        }
    }

    @Test("octo-bob may write to bob-works but not to alice-labs; private repositories stay invisible to others")
    func anotherUser() async throws {
        try await SandboxHarness().runLive { client in
            let bob = try await client.gitHubSignIn("octo-bob").accessToken
            #expect(try await client.github(.get, "/user", token: bob).json?["login"]?.string == "octo-bob")
            let works = try await client.github(
                .post, "/repos/baton-templates/app-c/generate",
                body: #"{"name":"secret","owner":"bob-works","private":true}"#, token: bob)
            #expect(works.status == 201)
            let labs = try await client.github(
                .post, "/repos/baton-templates/app-a/forks", body: #"{"organization":"alice-labs"}"#, token: bob)
            #expect(labs.status == 403)
            #expect(try await client.github(.get, "/repos/bob-works/secret", token: bob).status == 200)
            let alice = try await client.gitHubSignIn("octo-alice").accessToken
            #expect(try await client.github(.get, "/repos/bob-works/secret", token: alice).status == 404)
            #expect(try await client.github(.get, "/repos/bob-works/secret").status == 200, "the operator sees all")
        }
    }

    @Test("The operator's token still writes anywhere and is baton-sandbox-user, without installations")
    func operatorWritesAnywhere() async throws {
        try await SandboxHarness().runLive { client in
            let archive = try await client.github(
                .post, "/repos/baton-templates/app-a/forks", body: #"{"organization":"alice-archive"}"#)
            #expect(archive.status == 202)
            let newOrganization = try await client.github(
                .post, "/repos/baton-templates/app-a/forks", body: #"{"organization":"acme"}"#)
            #expect(newOrganization.status == 202)
            #expect(try await client.github(.get, "/user").json?["login"]?.string == "baton-sandbox-user")
            let installations = try await client.github(.get, "/user/installations")
            #expect(installations.status == 403)
            #expect(try await client.github(.get, "/user/orgs").json == .array([]))
            #expect(try await client.vercel(.get, "/v2/teams").json?["teams"] == .array([]))
            let team = try await client.vercel(
                .post, "/v11/projects?teamId=team_bobworks", body: #"{"name":"ops"}"#)
            #expect(team.status == 200)
            #expect(team.json?["accountId"]?.string == "team_bobworks")
        }
    }

    @Test("A Vercel user token acts in its own account and its own team; another team is 403 forbidden")
    func vercelUserScopes() async throws {
        try await SandboxHarness().runLive { client in
            let alice = try await client.vercelSignIn("alice").accessToken
            let fork = try await client.readyFork(into: "acme", name: "shop")
            let personal = try await client.vercel(
                .post, "/v11/projects",
                body: #"{"name":"shop","gitRepository":{"type":"github","repo":"\#(fork.fullName)"}}"#, token: alice)
            #expect(personal.status == 200)
            #expect(personal.json?["accountId"]?.string == "SbxUserAlice000000000001")
            let deployment = try await client.vercel(
                .post, "/v13/deployments",
                body:
                    #"{"name":"shop","project":"shop","target":"production","gitSource":{"type":"github","repoId":\#(fork.id),"ref":"main"}}"#,
                token: alice)
            #expect(deployment.status == 200)
            #expect(deployment.json?["url"]?.string?.hasSuffix("-alice.vercel.app") == true)
            #expect(deployment.json?["ownerId"]?.string == "SbxUserAlice000000000001")
            #expect(deployment.json?["creator"]?["username"]?.string == "alice")
            #expect(try await client.vercel(.get, "/v9/projects/shop", token: alice).status == 200)
            #expect(try await client.vercel(.get, "/v9/projects/shop").status == 404, "not in the shared account")

            let team = try await client.vercel(
                .post, "/v11/projects?teamId=team_alicelabs", body: #"{"name":"labs"}"#, token: alice)
            #expect(team.status == 200)
            #expect(team.json?["accountId"]?.string == "team_alicelabs")
            #expect(try await client.vercel(.get, "/v9/projects/labs?slug=alicelabs", token: alice).status == 200)

            for query in ["teamId=team_bobworks", "slug=bobworks", "teamId=team_nobody"] {
                let other = try await client.vercel(
                    .post, "/v11/projects?\(query)", body: #"{"name":"intrude"}"#, token: alice)
                #expect(other.status == 403)
                #expect(other.json == TestJSON.literal(#"{"error":{"code":"forbidden","message":"Not authorized"}}"#))
            }
            let projects = try await client.state()["projects"]?.array ?? []
            #expect(projects.compactMap { $0["accountId"]?.string } == ["SbxUserAlice000000000001", "team_alicelabs"])
        }
    }
}

@Suite("OAuth sign-in: user-token answers against the OpenAPI subsets")
struct OAuthContractTests {
    @Test("What user tokens are answered (and refused) validates like the operator's answers")
    func userTokenExchangesValidate() async throws {
        let recording = FileManager.default.temporaryDirectory
            .appendingPathComponent("baton-sandbox-oauth-contract-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: recording) }
        try await SandboxHarness(recordExchangesTo: recording.path).runLive { client in
            let github = try await client.gitHubSignIn().accessToken
            let vercel = try await client.vercelSignIn().accessToken
            _ = try await client.github(.get, "/user", token: github)
            _ = try await client.github(.get, "/user/installations", token: github)
            _ = try await client.github(.get, "/user/orgs", token: github)
            _ = try await client.github(.post, "/repos/baton-templates/app-a/forks", token: github)
            _ = try await client.github(
                .post, "/repos/baton-templates/app-a/forks", body: #"{"organization":"alice-archive"}"#, token: github)
            _ = try await client.github(
                .post, "/repos/baton-templates/app-b/generate", body: #"{"name":"g","owner":"alice-labs"}"#, token: github)
            _ = try await client.github(
                .post, "/repos/baton-templates/app-b/generate", body: #"{"name":"g","owner":"bob-works"}"#, token: github)
            _ = try await client.vercel(.get, "/v2/user", token: vercel)
            _ = try await client.vercel(.get, "/v2/teams", token: vercel)
            _ = try await client.vercel(.post, "/v11/projects", body: #"{"name":"mine"}"#, token: vercel)
            _ = try await client.vercel(.post, "/v11/projects?teamId=team_bobworks", body: #"{"name":"x"}"#, token: vercel)
            _ = try await client.vercel(.get, "/v9/projects/mine", token: vercel)
        }
        let (status, output) = try await OpenAPIContract.validate(recording: recording)
        #expect(status == 0, "validator output:\n\(output)")
        #expect(output.contains(" passed, 0 failed"), "validator output:\n\(output)")
    }
}
