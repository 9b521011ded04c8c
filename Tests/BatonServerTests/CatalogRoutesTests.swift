import BatonCore
import BatonTestSupport
import Testing

@Suite("Catalog and health routes")
struct CatalogRoutesTests {
    @Test func catalogListsAppsForForms() async throws {
        try await LiveServer().run { client in
            let reply = try await client.get("/api/catalog")
            #expect(reply.status == 200)
            let apps = try #require(reply["apps"]?.arrayValue)
            #expect(apps.count == 3)
            let first = try #require(apps.first?.objectValue)
            #expect(first["id"] == "app-a" && first["name"] == "App A" && first["template"] == "baton-templates/app-a")
            #expect(first["framework"] == "nextjs" && first["subdomain"] == "a")
            #expect(first["env"]?.arrayValue?.first == ["key": "DATABASE_URL", "required": true, "description": "Connection string of the app's database."])
            #expect(apps[2].objectValue?["framework"] == .null)
            #expect(try await client.get("/healthz").status == 200)
        }
    }
}
