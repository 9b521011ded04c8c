import BatonSandbox
import BatonTestSupport
import Foundation
import HTTPTypes
import Testing

@Suite("OpenAPI contract")
struct ContractValidationTests {
    @Test("Every recorded exchange validates against the official OpenAPI subsets")
    func recordedExchangesValidate() async throws {
        let recording = FileManager.default.temporaryDirectory
            .appendingPathComponent("baton-sandbox-exchanges-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: recording) }
        try await SandboxHarness(
            configuration: .init(forkSeconds: 2, buildSeconds: 4), recordExchangesTo: recording.path
        )
        .run { client in try await Self.exerciseEveryEndpoint(client) }

        let lines = try String(contentsOf: recording, encoding: .utf8).split(separator: "\n")
        #expect(lines.count > 60)
        #expect(!lines.contains { $0.contains("s3cr3t") }, "recordings never hold variable values")

        let (status, output) = try await Self.runValidator(on: recording)
        #expect(status == 0, "validator output:\n\(output)")
        #expect(output.contains(" passed, 0 failed"))
        #expect(output.contains("not in spec subset: vercel GET /v99/unknown"))
    }

    @Test("The validator fails a response that breaks the schema, or an unlisted status without a reason")
    func validatorCatchesViolations() async throws {
        let recording = FileManager.default.temporaryDirectory
            .appendingPathComponent("baton-sandbox-broken-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: recording) }
        let broken =
            #"{"provider":"vercel","method":"POST","path":"/v10/projects/p/domains","route":"/v10/projects/{idOrName}/domains","query":{},"requestBody":{"name":"a.example.com"},"status":200,"responseBody":{"name":"a.example.com"},"injectedFailure":false}"#
        let unlisted =
            #"{"provider":"vercel","method":"GET","path":"/v2/user","route":"/v2/user","query":{},"requestBody":null,"status":418,"responseBody":null,"injectedFailure":false}"#
        // GitHub's 403 is allowed on generate (secondary rate limit, read-only owner), not on a branch read.
        let forbiddenGenerate =
            #"{"provider":"github","method":"POST","path":"/repos/o/t/generate","route":"/repos/{template_owner}/{template_repo}/generate","query":{},"requestBody":{"name":"x"},"status":403,"responseBody":{"message":"Resource not accessible by personal access token","documentation_url":"https://docs.github.com/rest","status":"403"},"injectedFailure":false}"#
        let forbiddenBranch =
            #"{"provider":"github","method":"GET","path":"/repos/o/r/branches/main","route":"/repos/{owner}/{repo}/branches/{branch}","query":{},"requestBody":null,"status":403,"responseBody":{"message":"Forbidden","status":"403"},"injectedFailure":false}"#
        try [broken, unlisted, forbiddenGenerate, forbiddenBranch].map { $0 + "\n" }.joined()
            .write(to: recording, atomically: true, encoding: .utf8)
        let (status, output) = try await Self.runValidator(on: recording)
        #expect(status == 1)
        #expect(output.contains("1 passed, 3 failed"), "validator output:\n\(output)")
        #expect(output.contains("allowed undocumented: github 403 POST /repos/{template_owner}/{template_repo}/generate"))
        #expect(output.contains("GET /repos/{owner}/{repo}/branches/{branch} [github] -> 403: status 403 is not listed"))
    }

    private static func runValidator(on recording: URL) async throws -> (Int32, String) {
        try await OpenAPIContract.validate(recording: recording)
    }

    /// Calls every imitated operation, on its success and error paths.
    private static func exerciseEveryEndpoint(_ client: SandboxClient) async throws {
        // GitHub: user, repositories, forks, generate, branches, commits.
        _ = try await client.github(.get, "/user")
        _ = try await client.github(.get, "/user", token: nil)
        _ = try await client.github(.get, "/user", token: "invalid")
        _ = try await client.github(.get, "/user", apiVersion: "1999-01-01")
        _ = try await client.github(.get, "/repos/baton-templates/app-a")
        _ = try await client.github(.get, "/repos/nobody/nothing")
        _ = try await client.github(
            .post, "/repos/baton-templates/app-a/forks", body: #"{"organization":"acme","default_branch_only":true}"#)
        _ = try await client.github(.post, "/repos/baton-templates/app-a/forks", body: #"{"organization":"acme"}"#)
        _ = try await client.github(.post, "/repos/baton-templates/app-b/forks")
        _ = try await client.github(.post, "/repos/nobody/nothing/forks")
        _ = try await client.github(.post, "/repos/baton-templates/app-a/forks", body: #"{"name":7}"#)
        _ = try await client.github(
            .post, "/repos/baton-templates/app-c/generate", body: #"{"name":"gen","owner":"acme","private":false}"#)
        _ = try await client.github(
            .post, "/repos/baton-templates/app-c/generate", body: #"{"name":"gen","owner":"acme"}"#)
        let notTemplate = try await client.github(.post, "/repos/acme/app-a/generate", body: #"{"name":"other"}"#)
        #expect(notTemplate.status == 422)
        _ = try await client.github(.post, "/repos/nobody/nothing/generate", body: #"{"name":"other"}"#)
        // Faults on content creation: a secondary rate limit, then a token that may not create in `acme` (403s).
        _ = try await client.faults(#"{"secondaryRateLimit":{"count":2,"retryAfter":60}}"#)
        let limitedFork = try await client.github(
            .post, "/repos/baton-templates/app-b/forks", body: #"{"organization":"zeta"}"#)
        let limitedGenerate = try await client.github(
            .post, "/repos/baton-templates/app-c/generate", body: #"{"name":"limited","owner":"zeta"}"#)
        #expect(limitedFork.status == 403 && limitedGenerate.status == 403)
        _ = try await client.faults(#"{"readOnlyOwner":"acme"}"#)
        let readOnlyFork = try await client.github(
            .post, "/repos/baton-templates/app-b/forks", body: #"{"organization":"acme"}"#)
        let readOnlyGenerate = try await client.github(
            .post, "/repos/baton-templates/app-c/generate", body: #"{"name":"locked","owner":"acme"}"#)
        #expect(readOnlyFork.status == 403 && readOnlyGenerate.status == 403)
        _ = try await client.faults(#"{"readOnlyOwner":null}"#)
        _ = try await client.github(.get, "/repos/acme/app-a/branches/main")
        _ = try await client.github(.get, "/repos/acme/app-a/commits?per_page=1")
        client.clock.advance(by: 3)
        _ = try await client.github(.get, "/repos/acme/app-a")
        _ = try await client.github(.get, "/repos/acme/gen")
        _ = try await client.github(.get, "/repos/acme/app-a/branches/main")
        _ = try await client.github(.get, "/repos/acme/app-a/branches/develop")
        _ = try await client.github(.get, "/repos/acme/app-a/commits?per_page=1")
        _ = try await client.github(.get, "/repos/acme/gen/commits")

        // Vercel: user, projects, env.
        _ = try await client.vercel(.get, "/v2/user")
        _ = try await client.vercel(.get, "/v2/user", token: "bad-token")
        _ = try await client.vercel(.get, "/v99/unknown")
        let project = try await client.createProject("shop", repository: "acme/app-a", query: "?teamId=team_acme")
        let projectID = project.json?["id"]?.string ?? ""
        _ = try await client.createProject("shop", repository: "acme/app-a", query: "?teamId=team_acme")
        _ = try await client.createProject("ghost", repository: "acme/missing", query: "?teamId=team_acme")
        _ = try await client.vercel(.post, "/v11/projects", body: #"{"name":"x","unknownField":1}"#)
        _ = try await client.vercel(
            .post, "/v11/projects",
            body:
                #"{"name":"plain","environmentVariables":[{"key":"A","value":"s3cr3t","target":"production","type":"encrypted"}]}"#
        )
        _ = try await client.vercel(.get, "/v9/projects/\(projectID)?teamId=team_acme")
        _ = try await client.vercel(.get, "/v9/projects/plain")
        _ = try await client.vercel(.get, "/v9/projects/nothing")
        let variables =
            #"[{"key":"API_URL","value":"https://x.example.com","type":"plain","target":["production"]},{"key":"TOKEN","value":"s3cr3t","type":"sensitive","target":["production","preview"]}]"#
        _ = try await client.vercel(
            .post, "/v10/projects/\(projectID)/env?upsert=true&teamId=team_acme", body: variables)
        _ = try await client.vercel(
            .post, "/v10/projects/\(projectID)/env?upsert=true&teamId=team_acme", body: variables)
        let conflict = try await client.vercel(
            .post, "/v10/projects/\(projectID)/env?upsert=true&teamId=team_acme",
            body: #"{"key":"API_URL","value":"s3cr3t","type":"plain","target":["production","preview"]}"#)
        #expect(conflict.status == 400 && conflict.vercelErrorCode == "ENV_CONFLICT")
        _ = try await client.vercel(
            .post, "/v10/projects/\(projectID)/env?teamId=team_acme",
            body: #"{"key":"API_URL","value":"s3cr3t","type":"plain","target":["production"]}"#)
        _ = try await client.vercel(
            .post, "/v10/projects/\(projectID)/env?teamId=team_acme",
            body: #"{"key":"NEW","value":"v","type":"encrypted","target":["preview"]}"#)
        _ = try await client.vercel(
            .post, "/v10/projects/\(projectID)/env?teamId=team_acme", body: #"{"key":"NO_TYPE","value":"v"}"#)
        _ = try await client.vercel(.get, "/v10/projects/\(projectID)/env?teamId=team_acme")

        // Vercel: deployments.
        _ = try await client.vercel(
            .post, "/v11/projects?teamId=team_acme",
            body: #"{"name":"gen","gitRepository":{"type":"github","repo":"acme/gen"}}"#)
        let deployment = try await client.deploy("shop", repoID: 0, query: "?teamId=team_acme")
        _ = deployment
        let fork = try await client.github(.get, "/repos/acme/app-a")
        let repoID = fork.json?["id"]?.int ?? 0
        let created = try await client.deploy(
            "shop", repoID: repoID, meta: #"{"batonWorkflowId":"wf-1"}"#, query: "?teamId=team_acme")
        let deploymentID = created.json?["id"]?.string ?? ""
        _ = try await client.faults(#"{"failDeployment":"shop"}"#)
        let failing = try await client.deploy("shop", repoID: repoID, query: "?teamId=team_acme")
        _ = try await client.faults(#"{"aliasError":{"project":"shop","code":"cert_missing"}}"#)
        let unaliasedID =
            try await client.deploy("shop", repoID: repoID, query: "?teamId=team_acme").json?["id"]?.string ?? ""
        _ = try await client.vercel(
            .post, "/v13/deployments?teamId=team_acme",
            body:
                #"{"name":"gen","project":"gen","gitSource":{"type":"github","org":"acme","repo":"gen","ref":"main"}}"#)
        _ = try await client.vercel(.post, "/v13/deployments?teamId=team_acme", body: #"{"name":"shop","bogus":true}"#)
        for _ in 0..<6 {
            _ = try await client.vercel(.get, "/v13/deployments/\(deploymentID)?teamId=team_acme")
            _ = try await client.vercel(.get, "/v13/deployments/\(failing.json?["id"]?.string ?? "")?teamId=team_acme")
            _ = try await client.vercel(.get, "/v13/deployments/\(unaliasedID)?teamId=team_acme")
            client.clock.advance(by: 1)
        }
        let unaliased = try await client.vercel(.get, "/v13/deployments/\(unaliasedID)?teamId=team_acme")
        #expect(unaliased.json?["readyState"]?.string == "READY" && unaliased.json?["aliasError"]?["code"] != nil)
        _ = try await client.vercel(.get, "/v13/deployments/dpl_nothing?teamId=team_acme")
        // Cancel: a build still going (200, CANCELED), one that finished (400), an unknown one (404).
        let building = try await client.deploy("shop", repoID: repoID, query: "?teamId=team_acme")
        let buildingID = building.json?["id"]?.string ?? ""
        let canceled = try await client.vercel(.patch, "/v12/deployments/\(buildingID)/cancel?teamId=team_acme")
        #expect(canceled.status == 200 && canceled.json?["readyState"]?.string == "CANCELED")
        let again = try await client.vercel(.patch, "/v12/deployments/\(buildingID)/cancel?teamId=team_acme")
        #expect(again.status == 400)
        #expect(try await client.vercel(.patch, "/v12/deployments/\(deploymentID)/cancel?teamId=team_acme").status == 400)
        #expect(try await client.vercel(.patch, "/v12/deployments/dpl_nothing/cancel?teamId=team_acme").status == 404)
        let listed = try await client.vercel(
            .get, "/v6/deployments?projectId=\(projectID)&target=production&teamId=team_acme")
        #expect(listed.json?["deployments"]?.array?.contains { $0["aliasError"]?["code"] != nil } == true)
        _ = try await client.vercel(.get, "/v6/deployments?projectId=shop&meta-batonWorkflowId=wf-1&teamId=team_acme")
        _ = try await client.vercel(.get, "/v6/deployments?projectId=missing&teamId=team_acme")

        // Vercel: domains.
        _ = try await client.vercel(
            .post, "/v10/projects/\(projectID)/domains?teamId=team_acme", body: #"{"name":"www.acme-shop.com"}"#)
        _ = try await client.vercel(
            .post, "/v10/projects/\(projectID)/domains?teamId=team_acme", body: #"{"name":"www.acme-shop.com"}"#)
        _ = try await client.vercel(
            .post, "/v10/projects/gen/domains?teamId=team_acme", body: #"{"name":"www.acme-shop.com"}"#)
        _ = try await client.vercel(
            .post, "/v10/projects/gen/domains?teamId=team_acme", body: #"{"name":"bad domain"}"#)
        _ = try await client.vercel(.post, "/v10/projects/plain/domains", body: #"{"name":"shop.acme-shop.com"}"#)
        _ = try await client.vercel(.get, "/v9/projects/plain/domains/shop.acme-shop.com")
        _ = try await client.vercel(.get, "/v9/projects/plain/domains/none.acme-shop.com")
        _ = try await client.vercel(.post, "/v9/projects/plain/domains/shop.acme-shop.com/verify")
        _ = try await client.vercel(.post, "/v9/projects/plain/domains/none.acme-shop.com/verify")
        _ = try await client.vercel(.get, "/v6/domains/shop.acme-shop.com/config?projectIdOrName=plain")
        _ = try await client.control(.post, "/sandbox/dns", body: #"{"name":"shop.acme-shop.com"}"#)
        _ = try await client.vercel(.post, "/v9/projects/plain/domains/shop.acme-shop.com/verify")
        _ = try await client.vercel(.get, "/v6/domains/shop.acme-shop.com/config?projectIdOrName=plain")
        _ = try await client.vercel(.get, "/v6/domains/acme-shop.com/config")

        // Injected failures on both providers.
        _ = try await client.faults(#"{"failureRate":1}"#)
        for _ in 0..<6 {
            _ = try await client.github(.get, "/repos/baton-templates/app-a")
            _ = try await client.vercel(.get, "/v13/deployments/\(deploymentID)?teamId=team_acme")
        }
        _ = try await client.faults("{}")
    }
}
