import BatonSandbox
import HTTPTypes
import Testing

@Suite("GitHub forks")
struct GitHubForkTests {
    @Test("A fork is answered 202 with a full repository, stays empty for forkSeconds, then has a commit")
    func forkBecomesReady() async throws {
        try await SandboxHarness(configuration: .init(forkSeconds: 2)).run { client in
            let fork = try await client.github(
                .post, "/repos/baton-templates/app-a/forks",
                body: #"{"organization":"acme","default_branch_only":true}"#)
            #expect(fork.status == 202)
            #expect(fork.json?["full_name"]?.string == "acme/app-a")
            #expect(fork.json?["fork"]?.bool == true)
            #expect(fork.json?["owner"]?["login"]?.string == "acme")
            #expect(fork.json?["owner"]?["type"]?.string == "Organization")
            #expect(fork.json?["parent"]?["full_name"]?.string == "baton-templates/app-a")
            #expect(fork.json?["source"]?["full_name"]?.string == "baton-templates/app-a")
            #expect(fork.json?["default_branch"]?.string == "main")
            #expect(fork.header("x-ratelimit-remaining") != nil)
            #expect(fork.header("x-github-request-id") != nil)

            let emptyBranch = try await client.github(.get, "/repos/acme/app-a/branches/main")
            #expect(emptyBranch.status == 404)
            #expect(emptyBranch.json?["message"]?.string == "Branch not found")
            #expect(emptyBranch.json?["status"]?.string == "404")
            let emptyCommits = try await client.github(.get, "/repos/acme/app-a/commits?per_page=1")
            #expect(emptyCommits.status == 409)
            #expect(emptyCommits.json?["message"]?.string == "Git Repository is empty.")

            client.clock.advance(by: 2.5)
            let branch = try await client.github(.get, "/repos/acme/app-a/branches/main")
            #expect(branch.status == 200)
            let sha = try #require(branch.json?["commit"]?["sha"]?.string)
            #expect(sha.count == 40)
            let commits = try await client.github(.get, "/repos/acme/app-a/commits?per_page=1")
            #expect(commits.status == 200)
            #expect(commits.json?[0]?["sha"]?.string == sha)
            let template = try await client.github(.get, "/repos/baton-templates/app-a/branches/main")
            #expect(template.json?["commit"]?["sha"]?.string == sha, "a fork shares its parent's commits")
        }
    }

    @Test("Forking again into the same account returns the existing fork unchanged")
    func existingForkIsAdopted() async throws {
        try await SandboxHarness().run { client in
            let first = try await client.github(
                .post, "/repos/baton-templates/app-b/forks", body: #"{"organization":"acme"}"#)
            client.clock.advance(by: 120)
            let second = try await client.github(
                .post, "/repos/baton-templates/app-b/forks", body: #"{"organization":"acme","name":"renamed"}"#)
            #expect(second.status == 202)
            #expect(second.json?["id"]?.int == first.json?["id"]?.int)
            #expect(second.json?["full_name"]?.string == "acme/app-b")
            #expect(second.json?["created_at"]?.string == first.json?["created_at"]?.string)
            let forks = try await client.state()["repositories"]?.array?.filter { $0["fork"]?.bool == true }
            #expect(forks?.count == 1)
        }
    }

    @Test("A name taken by another repository gets a -1, then -2 suffix")
    func nameClashGetsSuffix() async throws {
        try await SandboxHarness().run { client in
            let generated = try await client.github(
                .post, "/repos/baton-templates/app-c/generate", body: #"{"name":"app-a","owner":"acme"}"#)
            #expect(generated.status == 201)
            let fork = try await client.github(
                .post, "/repos/baton-templates/app-a/forks", body: #"{"organization":"acme"}"#)
            #expect(fork.status == 202)
            #expect(fork.json?["name"]?.string == "app-a-1")
            _ = try await client.github(
                .post, "/repos/baton-templates/app-b/generate", body: #"{"name":"site","owner":"zeta"}"#)
            _ = try await client.github(
                .post, "/repos/baton-templates/app-c/generate", body: #"{"name":"site-1","owner":"zeta"}"#)
            let named = try await client.github(
                .post, "/repos/baton-templates/app-a/forks", body: #"{"organization":"zeta","name":"site"}"#)
            #expect(named.json?["full_name"]?.string == "zeta/site-2")
        }
    }

    @Test("Without a body the fork goes to the authenticated user; unknown repositories are 404")
    func forkIntoUserAndMissingSource() async throws {
        try await SandboxHarness().run { client in
            let fork = try await client.github(.post, "/repos/baton-templates/app-a/forks")
            #expect(fork.status == 202)
            #expect(fork.json?["full_name"]?.string == "baton-sandbox-user/app-a")
            #expect(fork.json?["owner"]?["type"]?.string == "User")
            let missing = try await client.github(.post, "/repos/nobody/nothing/forks", body: "null")
            #expect(missing.status == 404)
            #expect(missing.json?["message"]?.string == "Not Found")
            let wrongType = try await client.github(.post, "/repos/baton-templates/app-a/forks", body: #"{"name":5}"#)
            #expect(wrongType.status == 422)
            let notJSON = try await client.github(.post, "/repos/baton-templates/app-a/forks", body: "{nope")
            #expect(notJSON.status == 400)
            #expect(notJSON.json?["message"]?.string == "Problems parsing JSON")
        }
    }
}
