import BatonSandbox
import HTTPTypes
import Testing

@Suite("Vercel deployments")
struct VercelDeploymentTests {
    @Test("A deployment goes QUEUED → INITIALIZING → BUILDING → READY, and the alias is assigned last")
    func lifecycle() async throws {
        try await SandboxHarness(configuration: .init(buildSeconds: 10)).run { client in
            let project = try await client.linkedProject("shop")
            let created = try await client.deploy("shop", repoID: project.repoID, meta: #"{"batonWorkflowId":"wf-1"}"#)
            #expect(created.status == 200)
            let id = try #require(created.json?["id"]?.string)
            #expect(id.hasPrefix("dpl_"))
            #expect(created.json?["readyState"]?.string == "QUEUED")
            #expect(created.json?["status"]?.string == "QUEUED")
            #expect(created.json?["aliasAssigned"]?.bool == false)
            #expect(created.json?["alias"]?.array?.isEmpty == true)
            #expect(created.json?["meta"]?["batonWorkflowId"]?.string == "wf-1")
            #expect(created.json?["projectId"]?.string == project.projectID)
            #expect(created.json?["target"]?.string == "production")
            let url = try #require(created.json?["url"]?.string)
            #expect(!url.hasPrefix("http") && url.hasSuffix(".vercel.app"))
            #expect(created.json?["inspectorUrl"]?.string?.hasPrefix("https://vercel.com/") == true)

            var states: [String] = []
            var aliasAssigned: [Bool] = []
            for _ in 0..<12 {
                let current = try await client.vercel(.get, "/v13/deployments/\(id)")
                states.append(current.json?["readyState"]?.string ?? "?")
                aliasAssigned.append(current.json?["aliasAssigned"]?.bool ?? false)
                client.clock.advance(by: 1)
            }
            #expect(
                states == [
                    "QUEUED", "INITIALIZING", "INITIALIZING", "BUILDING", "BUILDING", "BUILDING", "BUILDING",
                    "BUILDING", "BUILDING", "BUILDING", "READY", "READY",
                ])
            #expect(aliasAssigned == Array(repeating: false, count: 11) + [true])
            let done = try await client.vercel(.get, "/v13/deployments/\(url)")
            #expect(done.json?["id"]?.string == id, "a deployment can be read by its hostname")
            #expect(done.json?["alias"]?.array?.compactMap(\.string) == ["shop.vercel.app"])
        }
    }

    @Test("failDeployment makes the project's next deployment end in ERROR, once")
    func failDeployment() async throws {
        try await SandboxHarness(configuration: .init(buildSeconds: 1)).run { client in
            let project = try await client.linkedProject("fragile")
            try await client.faults(#"{"failDeployment":"fragile"}"#)
            let failing = try await client.deploy("fragile", repoID: project.repoID)
            let afterwards = try await client.deploy("fragile", repoID: project.repoID)
            client.clock.advance(by: 5)
            let failed = try await client.vercel(.get, "/v13/deployments/\(failing.json?["id"]?.string ?? "")")
            #expect(failed.json?["readyState"]?.string == "ERROR")
            #expect(failed.json?["errorCode"]?.string == "BUILD_FAILED")
            #expect(failed.json?["errorMessage"]?.string == "Command \"npm run build\" exited with 1")
            #expect(failed.json?["aliasAssigned"]?.bool == false)
            let fine = try await client.vercel(.get, "/v13/deployments/\(afterwards.json?["id"]?.string ?? "")")
            #expect(fine.json?["readyState"]?.string == "READY")
            #expect(try await client.state()["faults"]?["failDeployment"]?.isNull == true)
        }
    }

    @Test("Deploying from a fork that is still empty is 400 incorrect_git_source_info")
    func emptyForkCannotDeploy() async throws {
        try await SandboxHarness(configuration: .init(forkSeconds: 30)).run { client in
            let fork = try await client.github(
                .post, "/repos/baton-templates/app-a/forks", body: #"{"organization":"acme"}"#)
            let repoID = try #require(fork.json?["id"]?.int)
            #expect(try await client.createProject("early", repository: "acme/app-a").status == 200)
            let early = try await client.deploy("early", repoID: repoID)
            #expect(early.status == 400)
            #expect(early.vercelErrorCode == "incorrect_git_source_info")
            let missing = try await client.deploy("early", repoID: 1)
            #expect(missing.vercelErrorCode == "incorrect_git_source_info")
            client.clock.advance(by: 31)
            #expect(try await client.deploy("early", repoID: repoID).status == 200)
            #expect(try await client.state()["deployments"]?.array?.count == 1)
        }
    }

    @Test("Deployments list newest first, filtered by project, target and meta-<KEY>")
    func listByMeta() async throws {
        try await SandboxHarness().run { client in
            let project = try await client.linkedProject("shop")
            let first = try await client.deploy("shop", repoID: project.repoID, meta: #"{"workflow":"wf-1"}"#)
            client.clock.advance(by: 1)
            let second = try await client.deploy("shop", repoID: project.repoID, meta: #"{"workflow":"wf-2"}"#)
            let all = try await client.vercel(.get, "/v6/deployments?projectId=\(project.projectID)&target=production")
            #expect(all.status == 200)
            #expect(
                all.json?["deployments"]?.array?.compactMap { $0["uid"]?.string }
                    == [second.json?["id"]?.string, first.json?["id"]?.string].compactMap { $0 })
            let tagged = try await client.vercel(.get, "/v6/deployments?projectId=shop&meta-workflow=wf-1")
            #expect(tagged.json?["deployments"]?.array?.count == 1)
            #expect(tagged.json?["deployments"]?[0]?["uid"]?.string == first.json?["id"]?.string)
            #expect(tagged.json?["deployments"]?[0]?["meta"]?["workflow"]?.string == "wf-1")
            let none = try await client.vercel(.get, "/v6/deployments?projectId=shop&meta-workflow=wf-9")
            #expect(none.json?["deployments"]?.array?.isEmpty == true)
            let otherTeam = try await client.vercel(
                .get, "/v13/deployments/\(first.json?["id"]?.string ?? "")?teamId=team_other")
            #expect(otherTeam.status == 404)
        }
    }
}
