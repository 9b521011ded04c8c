import BatonSandbox
import HTTPTypes
import Testing

@Suite("Vercel environment variables")
struct VercelEnvironmentTests {
    private let batch =
        #"[{"key":"API_URL","value":"https://api.example.com","type":"plain","target":["production","preview"]},{"key":"SECRET_TOKEN","value":"s3cr3t-value","type":"encrypted","target":["production"]}]"#

    @Test("Upsert creates 201 {created, failed}, and updates an existing key instead of failing")
    func upsert() async throws {
        try await SandboxHarness().run { client in
            let project = try await client.linkedProject("envs")
            let first = try await client.vercel(
                .post, "/v10/projects/\(project.projectID)/env?upsert=true", body: batch)
            #expect(first.status == 201)
            #expect(first.json?["created"]?.array?.count == 2)
            #expect(first.json?["failed"]?.array?.isEmpty == true)
            let again = try await client.vercel(.post, "/v10/projects/envs/env?upsert=true", body: batch)
            #expect(again.status == 201)
            #expect(again.json?["created"]?.array?.count == 2)
            let list = try await client.vercel(.get, "/v10/projects/envs/env")
            #expect(list.json?["envs"]?.array?.count == 2)
            let secret = list.json?["envs"]?.array?.first { $0["key"]?.string == "SECRET_TOKEN" }
            #expect(secret?["value"]?.string != "s3cr3t-value", "encrypted values are never shown")
        }
    }

    @Test("Upsert of a key whose targets differ is 400 ENV_CONFLICT and the request changes nothing; the same set updates")
    func upsertWithOtherTargets() async throws {
        try await SandboxHarness().run { client in
            let project = try await client.linkedProject("envs")
            _ = try await client.vercel(.post, "/v10/projects/\(project.projectID)/env?upsert=true", body: batch)
            let before = try await client.vercel(.get, "/v10/projects/envs/env")

            let conflict = try await client.vercel(
                .post, "/v10/projects/envs/env?upsert=true",
                body: #"{"key":"API_URL","value":"https://other.example.com","type":"plain","target":["development","production"]}"#)
            #expect(conflict.status == 400)
            #expect(
                conflict.json
                    == .literal(
                        #"{"error":{"code":"ENV_CONFLICT","message":"The environment variable API_URL already exists for the targets production, preview; it cannot be upserted with the targets development, production.","key":"API_URL"}}"#
                    ))
            let subset = try await client.vercel(
                .post, "/v10/projects/envs/env?upsert=true",
                body: #"{"key":"API_URL","value":"https://other.example.com","type":"plain","target":["production"]}"#)
            #expect(subset.status == 400)
            #expect(subset.vercelErrorCode == "ENV_CONFLICT")
            #expect(try await client.vercel(.get, "/v10/projects/envs/env").json == before.json, "nothing changed")

            // SECRET_TOKEN exists for production only; NEW does not exist.
            let mixed = try await client.vercel(
                .post, "/v10/projects/envs/env?upsert=true",
                body:
                    #"[{"key":"SECRET_TOKEN","value":"v","type":"encrypted","target":["production","preview"]},{"key":"NEW","value":"n","type":"plain","target":["preview"]}]"#
            )
            #expect(mixed.status == 400, "a conflict refuses the whole request")
            #expect(mixed.vercelErrorCode == "ENV_CONFLICT")
            #expect(mixed.json?["error"]?["key"]?.string == "SECRET_TOKEN")
            #expect(try await client.vercel(.get, "/v10/projects/envs/env").json == before.json, "NEW was not created")

            let sameSet = try await client.vercel(
                .post, "/v10/projects/envs/env?upsert=true",
                body: #"{"key":"API_URL","value":"https://new.example.com","type":"plain","target":["preview","production"]}"#)
            #expect(sameSet.status == 201)
            #expect(sameSet.json?["created"]?["value"]?.string == "https://new.example.com")
            #expect(sameSet.json?["created"]?["target"] == .literal(#"["production","preview"]"#))

            let separate = try await client.vercel(
                .post, "/v10/projects/envs/env?upsert=true",
                body: #"{"key":"API_URL","value":"http://localhost","type":"plain","target":["development"]}"#)
            #expect(separate.status == 201, "a key for targets it does not have yet is a variable of its own")
            let list = try #require(try await client.vercel(.get, "/v10/projects/envs/env").json?["envs"]?.array)
            let urls = list.filter { $0["key"]?.string == "API_URL" }
            #expect(urls.compactMap { $0["value"]?.string } == ["https://new.example.com", "http://localhost"])
            #expect(urls.first?["target"] == .literal(#"["production","preview"]"#))
        }
    }

    @Test("Without upsert an existing key is 403 ENV_ALREADY_EXISTS, or listed in failed next to created ones")
    func alreadyExists() async throws {
        try await SandboxHarness().run { client in
            let project = try await client.linkedProject("envs")
            let single = #"{"key":"API_URL","value":"one","type":"plain","target":["production"]}"#
            #expect(
                try await client.vercel(.post, "/v10/projects/\(project.projectID)/env", body: single).status == 201)
            let conflict = try await client.vercel(.post, "/v10/projects/\(project.projectID)/env", body: single)
            #expect(conflict.status == 403)
            #expect(conflict.vercelErrorCode == "ENV_ALREADY_EXISTS")
            #expect(conflict.json?["error"]?["key"]?.string == "API_URL")

            let mixed = try await client.vercel(.post, "/v10/projects/\(project.projectID)/env", body: batch)
            #expect(mixed.status == 201)
            #expect(mixed.json?["created"]?.array?.count == 1)
            #expect(mixed.json?["failed"]?[0]?["error"]?["code"]?.string == "ENV_ALREADY_EXISTS")
        }
    }

    @Test("The state lists variables by key and never shows their values")
    func stateHidesValues() async throws {
        try await SandboxHarness().run { client in
            let project = try await client.linkedProject("envs")
            _ = try await client.vercel(.post, "/v10/projects/\(project.projectID)/env?upsert=true", body: batch)
            let state = try await client.control(.get, "/sandbox/state")
            let keys = state.json?["envVars"]?.array?.compactMap { $0["key"]?.string }.sorted()
            #expect(keys == ["API_URL", "SECRET_TOKEN"])
            let text = String(describing: state.json)
            #expect(!text.contains("s3cr3t-value"))
            #expect(!text.contains("api.example.com"))
        }
    }

    @Test("Invalid variables are a 400 and nothing is stored")
    func invalidVariables() async throws {
        try await SandboxHarness().run { client in
            let project = try await client.linkedProject("envs")
            let noType = try await client.vercel(
                .post, "/v10/projects/\(project.projectID)/env",
                body: #"{"key":"A","value":"b","target":["production"]}"#)
            #expect(noType.status == 400)
            let missingProject = try await client.vercel(.post, "/v10/projects/nope/env", body: batch)
            #expect(missingProject.status == 404)
            #expect(try await client.state()["envVars"]?.array?.isEmpty == true)
        }
    }
}
