import BatonCore
import Testing

@Suite("Plan resolution")
struct PlanResolverTests {
    private func plan(domain: String?, envVars: [String: [String: String]]) -> [PlannedApp] {
        PlanResolver.resolveWorkflowActions(
            config: WorkflowConfig(apps: ["app-a", "app-c"], github: GitHubTarget(owner: "acme"), domain: domain),
            envVars: envVars, catalog: .builtIn, definition: .deployment
        )
    }

    @Test func fullPlanWithEnvAndDomain() throws {
        let apps = plan(domain: "example.com", envVars: ["app-a": ["DATABASE_URL": "x"]])
        #expect(apps.map(\.id) == ["app-a", "app-c"])
        let appA = try #require(apps.first)
        #expect(appA.name == "App A")
        #expect(appA.actions.map(\.id) == ["fork-repository", "create-project", "configure-env", "deploy", "assign-domain", "present-dns"])
        #expect(appA.actions.map(\.dependsOn) == [[], ["fork-repository"], ["create-project"], ["create-project", "configure-env"], ["deploy"], ["assign-domain"]])
        #expect(appA.actions.allSatisfy { !$0.title.isEmpty })
    }

    @Test func configureEnvOnlyForAppsGivenEnvValues() throws {
        let apps = plan(domain: nil, envVars: ["app-a": ["DATABASE_URL": "x"]])
        #expect(apps[0].actions.map(\.id) == ["fork-repository", "create-project", "configure-env", "deploy"])
        #expect(apps[1].actions.map(\.id) == ["fork-repository", "create-project", "deploy"])
        #expect(apps[1].actions[2].dependsOn == ["create-project"])
    }

    @Test func dependenciesOnExcludedActionsPassThrough() {
        let definition = WorkflowDefinition(name: "chain", actions: [
            ActionDefinition(id: "one", title: "One", dependsOn: []),
            ActionDefinition(id: "two", title: "Two", dependsOn: ["one"], includedWhen: .workflowHasDomain),
            ActionDefinition(id: "three", title: "Three", dependsOn: ["two"]),
        ])
        let apps = PlanResolver.resolveWorkflowActions(
            config: WorkflowConfig(apps: ["app-b"], github: GitHubTarget(owner: "acme")),
            envVars: [:], catalog: .builtIn, definition: definition
        )
        #expect(apps[0].actions.map(\.id) == ["one", "three"])
        #expect(apps[0].actions[1].dependsOn == ["one"])
    }
}
