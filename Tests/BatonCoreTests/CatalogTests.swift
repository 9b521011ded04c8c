import BatonCore
import Testing

@Suite("Catalog")
struct CatalogTests {
    @Test func builtInCatalogIsValidAndHasThreeApps() {
        #expect(Catalog.builtIn.validationIssues().isEmpty)
        #expect(Catalog.builtIn.apps.map(\.name) == ["App A", "App B", "App C"])
    }

    @Test func reportsEveryProblemWithItsPath() {
        var catalog = Catalog.builtIn
        catalog.apps[0].id = "App A"
        catalog.apps[1].template = "not-a-repo"
        catalog.apps[1].subdomain = "a"
        catalog.apps[2].env = [EnvVarSpec(key: "lower", required: true, description: "")]
        let paths = catalog.validationIssues().map(\.path)
        #expect(paths == ["apps[0].id", "apps[1].template", "apps[1].subdomain", "apps[2].env[0].key"])
    }

    @Test func rejectsRepeatedIDsAndSubdomains() {
        var catalog = Catalog.builtIn
        catalog.apps[1].id = "app-a"
        catalog.apps[2].subdomain = "a"
        let issues = catalog.validationIssues()
        #expect(issues.contains(FieldIssue(path: "apps[1].id", message: "repeats the id 'app-a'")))
        #expect(issues.contains(FieldIssue(path: "apps[2].subdomain", message: "repeats the subdomain 'a'")))
    }

    @Test func rejectsTwoForkModeAppsOnOneTemplateNamingBoth() {
        var catalog = Catalog.builtIn
        catalog.apps[1].template = "Baton-Templates/App-A"
        let issues = catalog.validationIssues()
        #expect(issues.count == 1)
        #expect(issues.first?.path == "apps[1].repository")
        #expect(issues.first?.message.contains("like the app 'app-a'") == true)
        #expect(issues.first?.message.contains("repository: generate") == true)
        catalog.apps[1].repository = .generate
        #expect(catalog.validationIssues().isEmpty, "one fork and one generated repository of a template is fine")
        catalog.apps[2].template = "baton-templates/app-a"
        #expect(catalog.validationIssues().isEmpty, "generated repositories are named after their apps")
    }

    @Test func rejectsAnEmptyCatalog() {
        #expect(Catalog(apps: []).validationIssues().map(\.path) == ["apps"])
    }

    @Test func definitionVersionFollowsCatalogAndDefinition() {
        let base = DefinitionVersion.of(catalog: .builtIn, definition: .deployment)
        #expect(base == DefinitionVersion.of(catalog: .builtIn, definition: .deployment))
        #expect(base.hasPrefix("sha256-") && base.count == 7 + 32)
        var catalog = Catalog.builtIn
        catalog.apps[0].name = "App A2"
        #expect(DefinitionVersion.of(catalog: catalog, definition: .deployment) != base)
        var definition = WorkflowDefinition.deployment
        definition.actions[0].title = "Fork"
        #expect(DefinitionVersion.of(catalog: .builtIn, definition: definition) != base)
    }
}
