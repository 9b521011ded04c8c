import BatonClient
import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// Provider answers read right, end to end through `baton serve --sandbox` and the Swift client: each failure the
/// sandbox produces as GitHub and Vercel do ends its action with the code, the provider's message, `retryable` and a fix.
@Suite("Provider answers, through baton serve --sandbox")
struct ProviderAnswersLiveTests {
    /// Two generate-mode apps on one template, and one generating from a fork (not a template).
    static let catalogJSON = #"""
        {"apps": [
          {"id": "app-b", "name": "App B", "template": "baton-templates/app-b", "subdomain": "b"},
          {"id": "shop", "name": "Shop", "template": "baton-templates/app-c", "repository": "generate", "subdomain": "shop"},
          {"id": "blog", "name": "Blog", "template": "baton-templates/app-c", "repository": "generate", "subdomain": "blog"},
          {"id": "copy", "name": "Copy", "template": "acme/app-b", "repository": "generate", "subdomain": "copy"}
        ]}
        """#

    @Test func eachFailureEndsItsActionWithTheProvidersMessageAndAFix() async throws {
        let folder = try ProcessEnvironment.scratchFolder("catalog")
        let catalog = folder.appendingPathComponent("catalog.json")
        try Self.catalogJSON.write(to: catalog, atomically: true, encoding: .utf8)
        try await LiveBaton.run(forkSeconds: 0.2, buildSeconds: 0.5, extraArguments: ["--catalog", catalog.path]) { baton in
            let client = baton.client()

            // A repository per app: two generated from one template, each named after its app; re-deploying adopts.
            for _ in 0..<2 {
                let workflow = try await Self.start(client, apps: ["app-b", "shop", "blog"])
                for app in ["app-b", "shop", "blog"] {
                    let status = try await client.finish("fork-repository", of: app, in: workflow)
                    #expect(status.state == .succeeded && status.outputs["fullName"] == .string("acme/\(app)"))
                }
            }

            // Generating from a repository that is not a template.
            let copy = try await client.finish("fork-repository", of: "copy", in: try await Self.start(client, apps: ["copy"]))
            #expect(copy.error?.code == "not_a_template" && copy.error?.retryable == false)
            #expect(copy.error?.message.contains("is not a template repository") == true)

            // A token that may not create repositories in the owner.
            try await baton.setFaults(#"{"readOnlyOwner": "octo-org"}"#)
            let denied = try await client.finish("fork-repository", of: "app-b", in: try await Self.start(client, apps: ["app-b"], owner: "octo-org"))
            #expect(denied.error?.code == "permission_denied" && denied.error?.retryable == false)
            #expect(denied.error?.fix?.contains("administration=write, contents=read") == true && denied.error?.fix?.contains("octo-org") == true)
            try await baton.setFaults(#"{"readOnlyOwner": null}"#)

            // A secondary rate limit that names its wait: waited, then one repository.
            try await baton.setFaults(#"{"secondaryRateLimit": {"count": 1, "retryAfter": 1}}"#)
            let limitedWorkflow = try await Self.start(client, apps: ["app-b"], owner: "second-org")
            let limited = try await client.finish("fork-repository", of: "app-b", in: limitedWorkflow)
            #expect(limited.state == .succeeded && limited.attempt == 1)

            // READY with an alias error, then a retry that releases.
            for action in ["create-project"] {
                #expect(try await client.finish(action, of: "app-b", in: limitedWorkflow).state == .succeeded)
            }
            try await baton.setFaults(#"{"aliasError": {"project": "second-org-app-b", "code": "cert_missing"}}"#)
            let alias = try await client.finish("deploy", of: "app-b", in: limitedWorkflow)
            #expect(alias.error?.code == "alias_failed" && alias.error?.retryable == true)
            #expect(alias.error?.fix?.contains("TLS certificate") == true)
            #expect(try await client.finish("deploy", of: "app-b", in: limitedWorkflow).state == .succeeded)

            let state = try await baton.sandboxState()
            #expect(Set(state.createdRepositories.map(\.fullName)) == ["acme/app-b", "acme/shop", "acme/blog", "second-org/app-b"])
        }
    }

    @Test func anEnvVariableWithOtherTargetsFailsConfigureEnvWithTheFix() async throws {
        try await LiveBaton.run(forkSeconds: 0.2) { baton in
            let client = baton.client()
            let plan = try await client.initialize(InitRequest(
                config: WorkflowConfig(apps: ["app-a"], github: GitHubTarget(owner: "acme")),
                envVars: ["app-a": ["DATABASE_URL": "postgres://db.example.com/app"]]))
            let workflow = WorkflowCredentials(workflowID: plan.workflowID, token: plan.token)
            for action in ["fork-repository", "create-project"] {
                #expect(try await client.finish(action, of: "app-a", in: workflow).state == .succeeded)
            }
            let project = try #require(try await baton.sandboxState().projects.first { $0.name == "acme-app-a" })
            let existing = try await baton.control.providerCall(
                "/vercel/v10/projects/\(project.id)/env?upsert=true",
                json: #"[{"key":"DATABASE_URL","value":"old","type":"encrypted","target":["production"]}]"#)
            #expect(existing.status == 201)
            let env = try await client.finish("configure-env", of: "app-a", in: workflow)
            #expect(env.state == .failed && env.error?.code == "env_conflict" && env.error?.retryable == false)
            #expect(env.error?.message.contains("DATABASE_URL") == true)
        }
    }

    private static func start(_ client: BatonClient, apps: [String], owner: String = "acme") async throws -> WorkflowCredentials {
        let plan = try await client.initialize(InitRequest(config: WorkflowConfig(apps: apps, github: GitHubTarget(owner: owner))))
        return WorkflowCredentials(workflowID: plan.workflowID, token: plan.token)
    }
}
