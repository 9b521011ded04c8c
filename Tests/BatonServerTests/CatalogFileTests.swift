import BatonCore
import BatonTestSupport
import BatonServer
import Foundation
import Testing

@Suite("Catalog files")
struct CatalogFileTests {
    private func write(_ text: String, ext: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString).\(ext)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func loadsJSON() throws {
        let path = try write(#"{"apps":[{"id":"blog","name":"Blog","template":"acme/blog","framework":"astro","subdomain":"blog","env":[{"key":"API_KEY","required":true,"description":"Key"}]}]}"#, ext: "json")
        let catalog = try CatalogFile.load(path: path)
        #expect(catalog.apps.map(\.id) == ["blog"])
        #expect(catalog.apps[0].env == [EnvVarSpec(key: "API_KEY", required: true, description: "Key")])
        #expect(catalog.apps[0].repository == .fork)
    }

    @Test func loadsYAML() throws {
        let path = try write("""
            apps:
              - id: shop
                name: Shop
                template: acme/shop
                repository: generate
                framework: null
                subdomain: shop
                env: []
            """, ext: "yaml")
        let catalog = try CatalogFile.load(path: path)
        #expect(catalog.apps == [AppSpec(id: "shop", name: "Shop", template: "acme/shop", repository: .generate, framework: nil, env: [], subdomain: "shop")])
    }

    @Test func aMissingFieldIsNamedWithTheFile() throws {
        let path = try write(#"{"apps":[{"id":"blog","name":"Blog","subdomain":"blog"}]}"#, ext: "json")
        let error = #expect(throws: CatalogFileError.self) { try CatalogFile.load(path: path) }
        #expect(error?.description.contains(path) == true)
        #expect(error?.problems == ["apps[0].template: is required"])
    }

    @Test func anInvalidFieldIsNamedWithTheFile() throws {
        let path = try write("apps:\n  - {id: Blog, name: Blog, template: acme, subdomain: blog}\n", ext: "yml")
        let error = #expect(throws: CatalogFileError.self) { try CatalogFile.load(path: path) }
        #expect(error?.problems.map { $0.components(separatedBy: ":").first } == ["apps[0].id", "apps[0].template"])
    }

    @Test func anUnknownFieldIsRefusedRatherThanIgnored() throws {
        let yaml = try write("""
            apps:
              - id: blog
                name: Blog
                template: acme/blog
                subdomian: blog
                env:
                  - {key: API_KEY, required: true, description: Key, secret: true}
            colour: red
            """, ext: "yaml")
        let error = #expect(throws: CatalogFileError.self) { try CatalogFile.load(path: yaml) }
        let fields = error?.problems.map { $0.components(separatedBy: ":").first ?? "" } ?? []
        #expect(fields.contains("colour") && fields.contains("apps[0].subdomian") && fields.contains("apps[0].env[0].secret"), "\(fields)")
        #expect(error?.problems.first { $0.hasPrefix("apps[0].subdomian") }?.contains("subdomain") == true, "the known fields are listed")

        let json = try write(#"{"apps":[{"id":"blog","name":"Blog","template":"acme/blog","subdomain":"blog","frameowrk":"astro"}]}"#, ext: "json")
        let jsonError = #expect(throws: CatalogFileError.self) { try CatalogFile.load(path: json) }
        #expect(jsonError?.problems.map { $0.components(separatedBy: ":").first } == ["apps[0].frameowrk"])
    }

    @Test func twoForkModeAppsOnOneTemplateAreRefusedNamingBoth() throws {
        let path = try write("""
            apps:
              - {id: blog, name: Blog, template: acme/site, subdomain: blog}
              - {id: docs, name: Docs, template: acme/site, subdomain: docs}
            """, ext: "yaml")
        let error = #expect(throws: CatalogFileError.self) { try CatalogFile.load(path: path) }
        #expect(error?.problems == [
            "apps[1].repository: forks acme/site like the app 'blog', but GitHub keeps one fork of a repository per account; use `repository: generate` for one of them",
        ])
    }

    @Test func aMissingFileIsReported() {
        let error = #expect(throws: CatalogFileError.self) { try CatalogFile.load(path: "/nonexistent/catalog.json") }
        #expect(error?.description.contains("/nonexistent/catalog.json") == true)
    }
}
