import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// `--auth api-key` and `--auth none` over HTTP: who may start a workflow, into which owners and teams, and which
/// credentials reach a workflow afterwards. Every refusal leaves nothing stored.
@Suite("Access control")
struct AccessControlTests {
    /// A server under `--auth api-key` with keys `ci` (any owner and team), `acme` (owner acme, team team_acme) and
    /// `gone` (revoked); `run` gets the keys by name.
    private struct KeyedServer {
        let store = MemoryWorkflowStore()
        let keys: [String: String]
        let server: LiveServer

        init(
            initPace: CallPace? = WorkflowEngine.Configuration.defaultInitPace,
            maxOpenWorkflows: Int? = WorkflowEngine.Configuration.defaultMaxOpenWorkflows
        ) throws {
            var keys: [String: String] = [:]
            for (name, owners, teams) in [("ci", nil, nil), ("acme", ["Acme"], ["team_acme"]), ("gone", nil, nil)] as [(String, [String]?, [String]?)] {
                let key = SecretIdentifiers.newAPIKey()
                keys[name] = key
                try store.insertKey(APIKeyRecord(
                    name: name, keyHash: SecretIdentifiers.tokenHash(key), allowedOwners: owners, allowedTeams: teams, createdAt: Date()))
            }
            _ = store.revokeKey(named: "gone", at: Date())
            self.keys = keys
            server = try LiveServer(.instant, store: store, authenticator: APIKeyAuthenticator(keys: store), initPace: initPace,
                                maxOpenWorkflows: maxOpenWorkflows)
        }

        /// How many workflows the store holds (read by deleting them all: call it last).
        func storedWorkflows() -> Int {
            store.deleteWorkflows(createdBefore: .distantFuture)
        }
    }

    private static func initJSON(owner: String = "acme", team: String? = nil) -> String {
        let vercel = team.map { #","vercel":{"teamId":"\#($0)"}"# } ?? ""
        return #"{"mode":"init","config":{"apps":["app-b"],"github":{"owner":"\#(owner)"}\#(vercel)},"envVars":{}}"#
    }

    @Test func initNeedsAKnownUnrevokedKeyAndStoresNothingOtherwise() async throws {
        let keyed = try KeyedServer()
        try await keyed.server.run { client in
            let missing = try await client.post(json: Self.initJSON())
            #expect(missing.status == 401 && missing.errorCode == "unauthorized")
            #expect(missing.text.contains("API key"))
            let unknown = try await client.post(json: Self.initJSON(), token: SecretIdentifiers.newAPIKey())
            #expect(unknown.status == 401 && unknown.text.contains("not known"))
            let revoked = try await client.post(json: Self.initJSON(), token: keyed.keys["gone"])
            #expect(revoked.status == 401 && revoked.text.contains("revoked"))
            let workflowToken = try await client.post(json: Self.initJSON(), token: SecretIdentifiers.newToken())
            #expect(workflowToken.status == 401)
        }
        #expect(keyed.storedWorkflows() == 0)
    }

    @Test func aKeyDeploysOnlyIntoItsOwnersAndTeams() async throws {
        let keyed = try KeyedServer()
        try await keyed.server.run { client in
            let otherOwner = try await client.post(json: Self.initJSON(owner: "globex", team: "team_acme"), token: keyed.keys["acme"])
            #expect(otherOwner.status == 403 && otherOwner.errorCode == "owner_not_allowed")
            #expect(otherOwner.errorPaths == ["config.github.owner"])
            #expect(otherOwner.text.contains("Acme"), "the message names what is allowed")
            let otherTeam = try await client.post(json: Self.initJSON(team: "team_globex"), token: keyed.keys["acme"])
            #expect(otherTeam.status == 403 && otherTeam.errorCode == "team_not_allowed")
            #expect(otherTeam.errorPaths == ["config.vercel.teamId"])
            let noTeam = try await client.post(json: Self.initJSON(), token: keyed.keys["acme"])
            #expect(noTeam.status == 403 && noTeam.errorCode == "team_not_allowed")
            #expect(keyed.storedWorkflows() == 0)
            // Owners compare without case, as GitHub logins do.
            let allowed = try await client.post(json: Self.initJSON(owner: "ACME", team: "team_acme"), token: keyed.keys["acme"])
            #expect(allowed.status == 201, "\(allowed.text)")
            let anyOwner = try await client.post(json: Self.initJSON(owner: "globex"), token: keyed.keys["ci"])
            #expect(anyOwner.status == 201, "\(anyOwner.text)")
        }
        #expect(keyed.storedWorkflows() == 2)
    }

    @Test func theStartingKeyReachesItsWorkflowAndNoOtherKeyDoes() async throws {
        let keyed = try KeyedServer()
        try await keyed.server.run { client in
            let created = try await client.post(json: Self.initJSON(owner: "acme", team: "team_acme"), token: keyed.keys["acme"])
            let workflow = try created.decode(InitResponse.self)
            let stored = try #require(try await keyed.store.fetch(id: workflow.workflowID))
            #expect(stored.principal == "key:acme")
            #expect(!created.text.contains(keyed.keys["acme"]!), "the key is never echoed")

            let byKey = try await client.trigger(workflow, "app-b", "fork-repository", token: keyed.keys["acme"])
            #expect(byKey.status == 200 && byKey["state"] == "succeeded", "\(byKey.text)")
            let otherKey = try await client.trigger(workflow, "app-b", "create-project", token: keyed.keys["ci"])
            #expect(otherKey.status == 401 && otherKey.text.contains("key:ci"))
            let revokedKey = try await client.trigger(workflow, "app-b", "create-project", token: keyed.keys["gone"])
            #expect(revokedKey.status == 401)
            let byToken = try await client.trigger(workflow, "app-b", "create-project")
            #expect(byToken.status == 200, "the workflow's own token still works")
            let cancel = try await client.post(
                json: #"{"mode":"cancel","workflowId":"\#(workflow.workflowID)"}"#, token: keyed.keys["acme"])
            #expect(cancel.status == 200 && cancel["state"] == "canceled", "\(cancel.text)")

            // Revoked at once: the key no longer reaches the workflow it started.
            _ = keyed.store.revokeKey(named: "acme", at: Date())
            let afterRevocation = try await client.post(
                json: #"{"mode":"status","workflowId":"\#(workflow.workflowID)"}"#, token: keyed.keys["acme"])
            #expect(afterRevocation.status == 401 && afterRevocation.text.contains("revoked"))
        }
    }

    @Test func withoutAuthenticationTheAddressIsRecordedAndProvesNothing() async throws {
        let store = MemoryWorkflowStore()
        let server = try LiveServer(.instant, store: store)
        try await server.run { client in
            let created = try await client.post(json: Self.initJSON(), token: "anything")
            #expect(created.status == 201)
            let workflow = try created.decode(InitResponse.self)
            let stored = try #require(try await store.fetch(id: workflow.workflowID))
            #expect(stored.principal == "address:127.0.0.1")
            // Another request from the same address is not the workflow's owner: only the token reaches it.
            let sameAddress = try await client.trigger(workflow, "app-b", "fork-repository", token: "anything")
            #expect(sameAddress.status == 401 && sameAddress.errorCode == "unauthorized")
        }
    }

    @Test func eachPrincipalStartsAtMostItsPaceOfWorkflowsAndIsToldWhenToTryAgain() async throws {
        let keyed = try KeyedServer(initPace: CallPace("2/m"))
        try await keyed.server.run { client in
            for _ in 0..<2 {
                #expect(try await client.post(json: Self.initJSON(), token: keyed.keys["ci"]).status == 201)
            }
            let third = try await client.post(json: Self.initJSON(), token: keyed.keys["ci"])
            #expect(third.status == 429 && third.errorCode == "rate_limited", "\(third.text)")
            let retryAfter = try #require(third.headers["retry-after"].flatMap(Int.init))
            #expect((1...60).contains(retryAfter))
            #expect(third.text.contains("key:ci") && third.text.contains("2/m"))
            // Refusals take no slot, and another principal has slots of its own.
            let refused = try await client.post(json: Self.initJSON(owner: "globex", team: "team_acme"), token: keyed.keys["acme"])
            #expect(refused.status == 403)
            for _ in 0..<2 {
                #expect(try await client.post(json: Self.initJSON(team: "team_acme"), token: keyed.keys["acme"]).status == 201)
            }
        }
        #expect(keyed.storedWorkflows() == 4, "the refused init stored nothing")
    }

    @Test func aPrincipalHasAtMostItsCapOfOpenWorkflowsAndFreesOneByCancelingOrFinishing() async throws {
        let keyed = try KeyedServer(initPace: nil, maxOpenWorkflows: 2)
        try await keyed.server.run { client in
            var open: [InitResponse] = []
            for _ in 0..<2 {
                open.append(try await client.post(json: Self.initJSON(), token: keyed.keys["ci"]).decode(InitResponse.self))
            }
            let third = try await client.post(json: Self.initJSON(), token: keyed.keys["ci"])
            #expect(third.status == 429 && third.errorCode == "too_many_open_workflows", "\(third.text)")
            #expect(third.headers["retry-after"] == "60")
            #expect(third.text.contains("key:ci") && third.text.contains("baton cancel"))
            // Another principal has a cap of its own.
            #expect(try await client.post(json: Self.initJSON(team: "team_acme"), token: keyed.keys["acme"]).status == 201)

            // A canceled workflow is no longer open.
            let cancel = try await client.post(json: #"{"mode":"cancel","workflowId":"\#(open[0].workflowID)"}"#, token: keyed.keys["ci"])
            #expect(cancel.status == 200)
            let afterCancel = try await client.post(json: Self.initJSON(), token: keyed.keys["ci"])
            #expect(afterCancel.status == 201, "\(afterCancel.text)")
            #expect(try await client.post(json: Self.initJSON(), token: keyed.keys["ci"]).status == 429)

            // Nor is one whose every action succeeded; a failed action would keep it open (it may be retried).
            let finishing = open[1]
            for action in finishing.apps[0].actions {
                let reply = try await client.trigger(finishing, "app-b", action.id)
                #expect(reply["state"] == "succeeded", "\(reply.text)")
            }
            #expect(try await client.post(json: Self.initJSON(), token: keyed.keys["ci"]).status == 201)
        }
        #expect(keyed.storedWorkflows() == 5, "the refused inits stored nothing")
    }

    @Test func aKeyListsTheWorkflowsItStartedNewestFirstAndNoOthers() async throws {
        let keyed = try KeyedServer(initPace: nil)
        try await keyed.server.run { client in
            var started: [String] = []
            for _ in 0..<3 {
                started.append(try await client.post(json: Self.initJSON(), token: keyed.keys["ci"]).decode(InitResponse.self).workflowID)
            }
            let other = try await client.post(json: Self.initJSON(team: "team_acme"), token: keyed.keys["acme"]).decode(InitResponse.self)
            let first = try await client.get("/api/workflows", token: keyed.keys["ci"])
            #expect(first.status == 200, "\(first.text)")
            let list = try first.decode(WorkflowList.self)
            #expect(list.workflows.map(\.workflowID) == started.reversed())
            #expect(list.workflows.allSatisfy { $0.state == .pending && $0.apps.map(\.id) == ["app-b"] })
            #expect(!first.text.contains(keyed.keys["ci"]!) && !first.text.contains("bt_"), "no credential or token is listed")

            let limited = try await client.get("/api/workflows?limit=2", token: keyed.keys["ci"]).decode(WorkflowList.self)
            #expect(limited.workflows.map(\.workflowID) == Array(started.reversed().prefix(2)))
            let theirs = try await client.get("/api/workflows", token: keyed.keys["acme"]).decode(WorkflowList.self)
            #expect(theirs.workflows.map(\.workflowID) == [other.workflowID])

            // The list's state follows the workflow.
            #expect(try await client.post(json: #"{"mode":"cancel","workflowId":"\#(started[0])"}"#, token: keyed.keys["ci"]).status == 200)
            let after = try await client.get("/api/workflows", token: keyed.keys["ci"]).decode(WorkflowList.self)
            #expect(after.workflows.last?.state == .canceled)

            let missing = try await client.get("/api/workflows")
            #expect(missing.status == 401 && missing.errorCode == "unauthorized")
            let revoked = try await client.get("/api/workflows", token: keyed.keys["gone"])
            #expect(revoked.status == 401)
            let workflowToken = try await client.get("/api/workflows", token: other.token)
            #expect(workflowToken.status == 401 && workflowToken.text.contains("workflow's token"), "a workflow's own token is no principal's credential")
            for bad in ["0", "201", "ten", ""] {
                let reply = try await client.get("/api/workflows?limit=\(bad)", token: keyed.keys["ci"])
                #expect(reply.status == 400 && reply.errorPaths == ["limit"], "limit=\(bad): \(reply.text)")
            }
        }
    }

    @Test func withoutAuthenticationNoListIsServed() async throws {
        try await LiveServer(.instant).run { client in
            _ = try await client.post(json: Self.initJSON())
            let reply = try await client.get("/api/workflows")
            #expect(reply.status == 404 && reply.errorCode == "not_found")
            #expect(reply.text.contains("--auth none"))
        }
    }
}
