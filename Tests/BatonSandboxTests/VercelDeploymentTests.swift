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

    @Test("aliasError makes the project's next deployment READY without its alias, for ever, once")
    func aliasError() async throws {
        try await SandboxHarness(configuration: .init(buildSeconds: 10)).run { client in
            let project = try await client.linkedProject("shop")
            let other = try await client.linkedProject("blog")
            let set = try await client.faults(#"{"aliasError":{"project":"shop","code":"cert_missing"}}"#)
            #expect(set.json?["aliasError"] == .literal(#"{"project":"shop","code":"cert_missing"}"#))
            let unaffected = try await client.deploy("blog", repoID: other.repoID)
            #expect(
                try await client.control(.get, "/sandbox/faults").json?["aliasError"]?["project"]?.string == "shop",
                "another project's deployment leaves the fault in place")

            let created = try await client.deploy("shop", repoID: project.repoID)
            #expect(created.status == 200)
            #expect(created.json?["readyState"]?.string == "QUEUED")
            #expect(created.json?["aliasError"]?.isNull == true)
            #expect(try await client.control(.get, "/sandbox/faults").json?["aliasError"]?.isNull == true)
            let next = try await client.deploy("shop", repoID: project.repoID)
            let id = try #require(created.json?["id"]?.string)

            client.clock.advance(by: 9.5)
            let building = try await client.vercel(.get, "/v13/deployments/\(id)")
            #expect(building.json?["readyState"]?.string == "BUILDING")
            #expect(building.json?["aliasError"]?.isNull == true)
            client.clock.advance(by: 0.5)
            let expectedError = TestJSON.literal(
                #"{"code":"cert_missing","message":"The certificate for shop.vercel.app is not ready yet."}"#)
            for wait in [0.0, 1, 3_600] {
                client.clock.advance(by: wait)
                let ready = try await client.vercel(.get, "/v13/deployments/\(id)")
                #expect(ready.json?["readyState"]?.string == "READY")
                #expect(ready.json?["status"]?.string == "READY")
                #expect(ready.json?["aliasAssigned"]?.bool == false)
                #expect(ready.json?["alias"]?.array?.isEmpty == true)
                #expect(ready.json?["aliasAssignedAt"] == nil)
                #expect(ready.json?["aliasError"] == expectedError)
                #expect(ready.json?["url"]?.string?.hasSuffix(".vercel.app") == true, "the build itself serves")
            }

            let list = try await client.vercel(.get, "/v6/deployments?projectId=shop")
            let items = try #require(list.json?["deployments"]?.array)
            #expect(items.map { $0["uid"]?.string } == [next.json?["id"]?.string, id])
            #expect(items[1]["aliasError"] == expectedError)
            #expect(items[1]["aliasAssigned"]?.bool == false)
            #expect(items[0]["aliasError"]?.isNull == true, "only the next deployment is affected")
            #expect(items[0]["aliasAssigned"]?.bool == true)
            let blog = try await client.vercel(.get, "/v13/deployments/\(unaffected.json?["id"]?.string ?? "")")
            #expect(blog.json?["aliasAssigned"]?.bool == true)
            let state = try #require(try await client.state()["deployments"]?.array)
            #expect(state.first { $0["id"]?.string == id }?["aliasError"]?["code"]?.string == "cert_missing")
        }
    }

    @Test("aliasError takes any code; a build that fails or is canceled reports none")
    func aliasErrorOtherCodes() async throws {
        try await SandboxHarness(configuration: .init(buildSeconds: 1)).run { client in
            let project = try await client.linkedProject("shop")
            try await client.faults(#"{"aliasError":{"project":"shop","code":"alias_in_use"}}"#)
            let custom = try await client.deploy("shop", repoID: project.repoID)
            try await client.faults(#"{"aliasError":{"project":"shop","code":"cert_missing"},"failDeployment":"shop"}"#)
            let failing = try await client.deploy("shop", repoID: project.repoID)
            try await client.faults(#"{"aliasError":{"project":"shop","code":"cert_missing"}}"#)
            let canceled = try await client.deploy("shop", repoID: project.repoID)
            _ = try await client.vercel(.patch, "/v12/deployments/\(canceled.json?["id"]?.string ?? "")/cancel")
            client.clock.advance(by: 5)

            let ready = try await client.vercel(.get, "/v13/deployments/\(custom.json?["id"]?.string ?? "")")
            #expect(ready.json?["aliasError"]?["code"]?.string == "alias_in_use")
            #expect(ready.json?["aliasError"]?["message"]?.string?.contains("shop.vercel.app") == true)
            let failed = try await client.vercel(.get, "/v13/deployments/\(failing.json?["id"]?.string ?? "")")
            #expect(failed.json?["readyState"]?.string == "ERROR")
            #expect(failed.json?["aliasError"]?.isNull == true)
            let stopped = try await client.vercel(.get, "/v13/deployments/\(canceled.json?["id"]?.string ?? "")")
            #expect(stopped.json?["readyState"]?.string == "CANCELED")
            #expect(stopped.json?["aliasError"]?.isNull == true)
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
