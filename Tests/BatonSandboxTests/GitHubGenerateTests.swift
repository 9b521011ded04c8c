import BatonSandbox
import HTTPTypes
import Testing

@Suite("GitHub template generation")
struct GitHubGenerateTests {
    @Test("Generate answers 201 with a Location, then 422 for the same name")
    func generateThenClash() async throws {
        try await SandboxHarness().run { client in
            let body = #"{"name":"shop","owner":"acme","private":true,"description":"A shop"}"#
            let created = try await client.github(.post, "/repos/baton-templates/app-b/generate", body: body)
            #expect(created.status == 201)
            #expect(created.header("location") == "https://api.github.com/repos/acme/shop")
            #expect(created.json?["full_name"]?.string == "acme/shop")
            #expect(created.json?["private"]?.bool == true)
            #expect(created.json?["fork"]?.bool == false)
            #expect(created.json?["is_template"]?.bool == false)
            #expect(created.json?["template_repository"]?["full_name"]?.string == "baton-templates/app-b")
            #expect(created.json?["description"]?.string == "A shop")

            let clash = try await client.github(.post, "/repos/baton-templates/app-b/generate", body: body)
            #expect(clash.status == 422)
            #expect(clash.json?["message"]?.string == "Could not clone: Name already exists on this account")
            #expect(clash.json?["status"]?.string == "422")

            let empty = try await client.github(.get, "/repos/acme/shop/branches/main")
            #expect(empty.status == 404)
            client.clock.advance(by: 3)
            #expect(try await client.github(.get, "/repos/acme/shop/branches/main").status == 200)
        }
    }

    @Test("Generate from a repository that is not a template is 422 Could not clone; a missing one is 404")
    func generateFromNonTemplate() async throws {
        try await SandboxHarness().run { client in
            _ = try await client.github(.post, "/repos/baton-templates/app-a/forks", body: #"{"organization":"acme"}"#)
            let fromFork = try await client.github(
                .post, "/repos/ACME/app-a/generate", body: #"{"name":"x","owner":"zeta"}"#)
            #expect(fromFork.status == 422)
            let message = "Could not clone: acme/app-a is not a template repository."
            #expect(
                fromFork.json
                    == .literal(
                        #"{"message":"\#(message)","errors":["\#(message)"],"documentation_url":"https://docs.github.com/rest/repos/repos#create-a-repository-using-a-template","status":"422"}"#
                    ))
            #expect(fromFork.header("x-ratelimit-remaining") != nil)
            let fromNothing = try await client.github(.post, "/repos/ghost/none/generate", body: #"{"name":"x"}"#)
            #expect(fromNothing.status == 404)
            #expect(fromNothing.json?["message"]?.string == "Not Found")
            let withoutName = try await client.github(
                .post, "/repos/baton-templates/app-a/generate", body: #"{"owner":"acme"}"#)
            #expect(withoutName.status == 422)
            let repositories = try await client.state()["repositories"]?.array?.compactMap { $0["fullName"]?.string }
            #expect(repositories?.contains("zeta/x") == false, "a refused generate creates nothing")
            #expect(repositories?.count == 4)
        }
    }

    @Test("Seeded templates exist with a commit on main, and GET /user is the sandbox user")
    func seededTemplatesAndUser() async throws {
        try await SandboxHarness().run { client in
            for name in ["app-a", "app-b", "app-c"] {
                let repository = try await client.github(.get, "/repos/baton-templates/\(name)")
                #expect(repository.status == 200)
                #expect(repository.json?["is_template"]?.bool == true)
                #expect(repository.json?["owner"]?["login"]?.string == "baton-templates")
                #expect(repository.json?["default_branch"]?.string == "main")
                #expect(try await client.github(.get, "/repos/baton-templates/\(name)/commits").status == 200)
            }
            let user = try await client.github(.get, "/user")
            #expect(user.status == 200)
            #expect(user.json?["login"]?.string == "baton-sandbox-user")
            #expect(user.json?["id"]?.int == 1000)
            #expect(user.json?["type"]?.string == "User")
        }
    }
}
