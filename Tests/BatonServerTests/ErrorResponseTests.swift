import BatonCore
import Foundation
import BatonTestSupport
import Testing

@Suite("Error responses")
struct ErrorResponseTests {
    @Test func validationFailedListsEveryProblemWithItsPath() async throws {
        try await LiveServer().run { client in
            let reply = try await client.post(json: #"{"mode":"init","config":{"apps":["app-a","zzz"],"github":{"owner":"-x"},"domain":"bad"}}"#)
            #expect(reply.status == 400 && reply.errorCode == "validation_failed")
            #expect(Set(reply.errorPaths) == ["config.apps[1]", "config.github.owner", "config.domain", "envVars.app-a.DATABASE_URL"])
            let error = try #require(reply["error"]?.objectValue)
            #expect(Set(error.keys) == ["code", "message", "details"])
        }
    }

    @Test func unknownModeMalformedJSONMediaTypeAndSize() async throws {
        try await LiveServer().run { client in
            let unknownMode = try await client.post(json: #"{"mode":"deploy"}"#)
            #expect(unknownMode.status == 400 && unknownMode.errorCode == "unknown_mode")
            let malformed = try await client.post(json: #"{"mode":"init","#)
            #expect(malformed.status == 400 && malformed.errorCode == "malformed_json")
            let empty = try await client.post(json: "")
            #expect(empty.status == 400 && empty.errorCode == "malformed_json")
            let form = try await client.post(json: "mode=init", contentType: "application/x-www-form-urlencoded")
            #expect(form.status == 415 && form.errorCode == "unsupported_media_type")
            let missingType = try await client.post(json: #"{"mode":"init"}"#, contentType: nil)
            #expect(missingType.status == 415 && missingType.errorCode == "unsupported_media_type")
            let padding = String(repeating: " ", count: ValidationLimits.standard.maxBodyBytes)
            let tooLarge = try await client.post(json: #"{"mode":"init"\#(padding)}"#)
            #expect(tooLarge.status == 413 && tooLarge.errorCode == "body_too_large")
        }
    }

    @Test func unauthorizedAndNotFound() async throws {
        try await LiveServer().run { client in
            let (_, workflow) = try await client.initialize()
            let withoutToken = try await client.post(json: #"{"mode":"status","workflowId":"\#(workflow.workflowID)"}"#)
            #expect(withoutToken.status == 401 && withoutToken.errorCode == "unauthorized")
            let wrongToken = try await client.trigger(workflow, "app-a", "fork-repository", token: "bt_wrong")
            #expect(wrongToken.status == 401 && wrongToken.errorCode == "unauthorized")
            let otherWorkflowsToken = try await client.initialize().workflow.token
            #expect(try await client.trigger(workflow, "app-a", "fork-repository", token: otherWorkflowsToken).status == 401)
            let unknown = try await client.post(json: #"{"mode":"status","workflowId":"wf_nope"}"#, token: workflow.token)
            #expect(unknown.status == 404 && unknown.errorCode == "workflow_not_found")
            let unknownWithoutToken = try await client.post(json: #"{"mode":"cancel","workflowId":"wf_nope"}"#)
            #expect(unknownWithoutToken.status == 404 && unknownWithoutToken.errorCode == "workflow_not_found")
            let unknownApp = try await client.trigger(workflow, "app-z", "fork-repository")
            #expect(unknownApp.status == 404 && unknownApp.errorCode == "unknown_app")
            let unknownAction = try await client.trigger(workflow, "app-a", "launch-rocket")
            #expect(unknownAction.status == 404 && unknownAction.errorCode == "unknown_action")
            let route = try await client.get("/api/nothing")
            #expect(route.status == 404 && route.errorCode == "not_found")
        }
    }

    @Test func blockedCanceledAndChangedDefinitionsAreConflicts() async throws {
        let store = MemoryWorkflowStore()
        try await LiveServer(store: store).run { client in
            let (_, workflow) = try await client.initialize()
            let blocked = try await client.trigger(workflow, "app-a", "deploy")
            #expect(blocked.status == 409 && blocked.errorCode == "action_blocked")
            let message = blocked["error"]?.objectValue?["message"]?.stringValue ?? ""
            #expect(message.contains("create-project") && message.contains("configure-env"))
            _ = try await client.cancel(workflow)
            let canceled = try await client.trigger(workflow, "app-a", "fork-repository")
            #expect(canceled.status == 409 && canceled.errorCode == "workflow_canceled")
        }
        let (_, workflow) = try await LiveServer(store: store).run { try await $0.initialize() }
        var changed = Catalog.builtIn
        changed.apps[1].subdomain = "bee"
        try await LiveServer(catalog: changed, store: store).run { client in
            let reply = try await client.trigger(workflow, "app-a", "fork-repository")
            #expect(reply.status == 409 && reply.errorCode == "definition_changed")
            #expect(try await client.workflowStatus(workflow).status == 200, "status still answers")
        }
    }

    @Test func badInputLosesNothingStored() async throws {
        try await LiveServer().run { client in
            let (_, workflow) = try await client.initialize()
            #expect(try await client.trigger(workflow, "app-a", "fork-repository")["state"] == "succeeded")
            _ = try await client.post(json: #"{"mode":"trigger","workflowId":"\#(workflow.workflowID)","app":5}"#, token: workflow.token)
            _ = try await client.post(json: "{{{", token: workflow.token)
            _ = try await client.trigger(workflow, "app-a", "present-dns")
            let status = try await client.workflowStatus(workflow, history: true).decode(WorkflowStatus.self)
            #expect(status.apps[0].actions[0].state == .succeeded)
            #expect(status.history?.count == 2)
        }
    }
}

@Suite("Hostile input")
struct HostileInputTests {
    static let bodies: [String] = [
        String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000),
        #"{"mode":"init","config":{"apps":[\#(String(repeating: "\"app-a\",", count: 2000))"app-b"],"github":{"owner":"a"}}}"#,
        #"{"mode":"status","workflowId":"wf_x","waitMs":1e308}"#,
        #"{"mode":"status","workflowId":"wf_x","waitMs":-0}"#,
        #"{"mode":"trigger","workflowId":{"$ne":null},"app":[],"action":null}"#,
        #"{"mode":"init","config":{"apps":["app-a"],"github":{"owner":"a"}},"envVars":{"app-a":{"DATABASE_URL":{"nested":"x"}}}}"#,
        #"{"mode":"init","config":null,"envVars":"x"}"#,
        #"{"mode":null}"#,
        #"{"mode":"init","mode":"status"}"#,
        "\u{FEFF}{}",
        #""just a string""#,
        "null",
        "{\"mode\":\"init\",\"x\":\"\\ud800\"}",
    ]

    @Test func neverAnswers500() async throws {
        try await LiveServer().run { client in
            for body in Self.bodies {
                let reply = try await client.post(json: body)
                #expect((400..<500).contains(reply.status), "\(body.prefix(60)) → \(reply.status) \(reply.text.prefix(200))")
                #expect(reply.errorCode != nil)
            }
        }
    }
}

@Suite("Store outages")
struct StoreOutageTests {
    struct DownStore: WorkflowStore {
        func insert(_ record: WorkflowRecord) async throws { throw WorkflowStoreError.unavailable("connection refused") }
        func fetch(id: String, includeHistory: Bool) async throws -> WorkflowRecord? { throw WorkflowStoreError.unavailable("connection refused") }
        func fetch(id: String, app: String) async throws -> WorkflowRecord? { throw WorkflowStoreError.unavailable("connection refused") }
        func write(_ write: WorkflowWrite) async throws -> WorkflowRecord? { throw WorkflowStoreError.unavailable("connection refused") }
        func deleteWorkflows(createdBefore date: Date) async throws -> Int { 0 }
        func workflowIDs(principal: String, createdSince date: Date, limit: Int) async throws -> [String] {
            throw WorkflowStoreError.unavailable("connection refused")
        }
        func openWorkflowCount(principal: String, createdSince date: Date) async throws -> Int {
            throw WorkflowStoreError.unavailable("connection refused")
        }
        func openWorkflowCount(createdSince date: Date) async throws -> Int {
            throw WorkflowStoreError.unavailable("connection refused")
        }
    }

    @Test func aStoreOutageIs503NotA500() async throws {
        try await LiveServer(store: DownStore()).run { client in
            let reply = try await client.post(json: #"{"mode":"init","config":{"apps":["app-b"],"github":{"owner":"acme"}}}"#)
            #expect(reply.status == 503 && reply.errorCode == "unavailable")
            #expect(!reply.text.contains("connection refused"), "internals stay in the log")
        }
    }
}
