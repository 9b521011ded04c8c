import BatonSandbox
import HTTPTypes
import Testing

@Suite("Vercel projects")
struct VercelProjectTests {
    @Test("Creating a project links the GitHub repository; the same name again is 409")
    func createAndConflict() async throws {
        try await SandboxHarness().run { client in
            let fork = try await client.readyFork(into: "acme", name: "shop")
            let created = try await client.createProject("shop", repository: fork.fullName, query: "?teamId=team_acme")
            #expect(created.status == 200)
            let id = try #require(created.json?["id"]?.string)
            #expect(id.hasPrefix("prj_"))
            #expect(created.json?["name"]?.string == "shop")
            #expect(created.json?["accountId"]?.string == "team_acme")
            #expect(created.json?["framework"]?.string == "nextjs")
            #expect(created.json?["link"]?["type"]?.string == "github")
            #expect(created.json?["link"]?["org"]?.string == "acme")
            #expect(created.json?["link"]?["repo"]?.string == "shop")
            #expect(created.json?["link"]?["repoId"]?.int == fork.id)
            #expect(created.json?["link"]?["productionBranch"]?.string == "main")

            let again = try await client.createProject("shop", repository: fork.fullName, query: "?teamId=team_acme")
            #expect(again.status == 409)
            #expect(again.json?["error"]?["message"]?.string == "A project with the provided name already exists.")
            let otherTeam = try await client.createProject("shop", repository: fork.fullName, query: "?slug=other")
            #expect(otherTeam.status == 200, "projects are scoped per team")

            let byID = try await client.vercel(.get, "/v9/projects/\(id)?teamId=team_acme")
            #expect(byID.json?["id"]?.string == id)
            let bySlug = try await client.vercel(.get, "/v9/projects/shop?slug=acme")
            #expect(bySlug.json?["id"]?.string == id, "slug=acme and teamId=team_acme name the same team")
            let personal = try await client.vercel(.get, "/v9/projects/shop")
            #expect(personal.status == 404)
            #expect(personal.vercelErrorCode == "not_found")
        }
    }

    @Test("An unknown body property is a 400 naming it")
    func unknownProperty() async throws {
        try await SandboxHarness().run { client in
            let response = try await client.vercel(.post, "/v11/projects", body: #"{"name":"x","colour":"blue"}"#)
            #expect(response.status == 400)
            #expect(response.vercelErrorCode == "bad_request")
            #expect(
                response.json?["error"]?["message"]?.string
                    == "Invalid request: should NOT have additional property `colour`.")
            let badFramework = try await client.vercel(
                .post, "/v11/projects", body: #"{"name":"x","framework":"rails"}"#)
            #expect(badFramework.status == 400)
            let badName = try await client.vercel(.post, "/v11/projects", body: #"{"name":"Upper Case"}"#)
            #expect(badName.status == 400)
            #expect(try await client.state()["projects"]?.array?.isEmpty == true)
        }
    }

    @Test("Linking a repository the GitHub App can't see is a 400 asking to install the app")
    func missingGitHubApp() async throws {
        try await SandboxHarness().run { client in
            let fork = try await client.readyFork(into: "hidden-org")
            try await client.faults(#"{"missingGitHubApp":"hidden-org"}"#)
            let hidden = try await client.createProject("hidden", repository: fork.fullName)
            #expect(hidden.status == 400)
            #expect(hidden.vercelErrorCode == "bad_request")
            #expect(hidden.json?["error"]?["action"]?.string == "Install GitHub App")
            #expect(hidden.json?["error"]?["repo"]?.string == fork.fullName)
            #expect(
                hidden.json?["error"]?["message"]?.string?.hasPrefix(
                    "To link a GitHub repository, you need to install the GitHub integration first") == true)
            let missing = try await client.createProject("ghost", repository: "acme/does-not-exist")
            #expect(missing.status == 400)
            #expect(missing.json?["error"]?["action"]?.string == "Install GitHub App")
            try await client.faults("{}")
            #expect(try await client.createProject("hidden", repository: fork.fullName).status == 200)
        }
    }
}
