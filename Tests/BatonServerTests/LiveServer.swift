import AsyncHTTPClient
import BatonCore
import BatonServer
import BatonTestActions
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOHTTP1

/// A Baton server on a real loopback socket with scripted actions, and a JSON client for it.
struct LiveServer {
    let engine: WorkflowEngine
    let store: MemoryWorkflowStore
    let log: CallLog
    let catalog: Catalog
    let logger: Logger

    init(
        _ behavior: ScriptedAction.Behavior = .instant,
        overrides: [String: ScriptedAction.Behavior] = [:],
        catalog: Catalog = .builtIn,
        store: MemoryWorkflowStore = MemoryWorkflowStore(),
        budget: Duration = .seconds(8),
        logger: Logger = Logger(label: "baton.test")
    ) throws {
        let log = CallLog()
        self.log = log
        self.store = store
        self.catalog = catalog
        self.logger = logger
        self.engine = try WorkflowEngine(
            store: store, catalog: catalog, actions: .scripted(behavior, overrides: overrides, log: log),
            sealer: .ephemeral(), configuration: .init(requestBudget: budget, leaseGrace: .milliseconds(200)), logger: logger
        )
    }

    /// Serves the app on a free port and runs `body` with a client for it.
    func run<Value: Sendable>(_ body: @Sendable (JSONClient) async throws -> Value) async throws -> Value {
        let app = BatonApplication.build(
            configuration: BatonServerConfiguration(host: "127.0.0.1", port: 0), engine: engine, catalog: catalog, logger: logger
        )
        return try await app.test(.live) { client in
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            do {
                let value = try await body(JSONClient(http: http, baseURL: "http://127.0.0.1:\(client.port!)"))
                try await http.shutdown()
                return value
            } catch {
                try await http.shutdown()
                throw error
            }
        }
    }
}

/// A response: its status and its body as JSON (or `.null` when empty).
struct JSONReply: Sendable {
    let status: Int
    let body: JSONValue
    let text: String

    /// The `error.code` of an error body.
    var errorCode: String? { body.objectValue?["error"]?.objectValue?["code"]?.stringValue }

    /// The paths of an error's details.
    var errorPaths: [String] {
        body.objectValue?["error"]?.objectValue?["details"]?.arrayValue?.compactMap { $0.objectValue?["path"]?.stringValue } ?? []
    }

    subscript(_ key: String) -> JSONValue? { body.objectValue?[key] }

    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try BatonJSON.makeDecoder().decode(type, from: Data(text.utf8))
    }
}

/// Sends JSON to the server.
struct JSONClient: Sendable {
    let http: HTTPClient
    let baseURL: String

    func post(
        _ path: String = "/api/deploy", json: String, token: String? = nil, contentType: String? = "application/json"
    ) async throws -> JSONReply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .POST
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        request.body = .bytes(ByteBuffer(string: json))
        return try await send(request)
    }

    func get(_ path: String) async throws -> JSONReply {
        try await send(HTTPClientRequest(url: baseURL + path))
    }

    private func send(_ request: HTTPClientRequest) async throws -> JSONReply {
        let response = try await http.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 16 * 1024 * 1024)
        let text = String(buffer: buffer)
        let body = text.isEmpty ? JSONValue.null : (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) ?? .null
        return JSONReply(status: Int(response.status.code), body: body, text: text)
    }

    // Shortcuts for the protocol.

    func initialize(
        apps: [String] = ["app-a", "app-b", "app-c"], domain: String? = "example.com",
        envVars: String = #"{"app-a":{"DATABASE_URL":"postgres://user:hunter2@db/app"}}"#
    ) async throws -> (reply: JSONReply, workflow: InitResponse) {
        let appList = apps.map { "\"\($0)\"" }.joined(separator: ",")
        let domainField = domain.map { #","domain":"\#($0)""# } ?? ""
        let reply = try await post(json: #"{"mode":"init","config":{"apps":[\#(appList)],"github":{"owner":"acme"}\#(domainField)},"envVars":\#(envVars)}"#)
        return (reply, try reply.decode(InitResponse.self))
    }

    func trigger(_ workflow: InitResponse, _ app: String, _ action: String, token: String? = nil) async throws -> JSONReply {
        try await post(json: #"{"mode":"trigger","workflowId":"\#(workflow.workflowId)","app":"\#(app)","action":"\#(action)"}"#, token: token ?? workflow.token)
    }

    func status(_ workflow: InitResponse, _ app: String, _ action: String, waitMs: Int = 0) async throws -> JSONReply {
        try await post(json: #"{"mode":"status","workflowId":"\#(workflow.workflowId)","app":"\#(app)","action":"\#(action)","waitMs":\#(waitMs)}"#, token: workflow.token)
    }

    func workflowStatus(_ workflow: InitResponse) async throws -> JSONReply {
        try await post(json: #"{"mode":"status","workflowId":"\#(workflow.workflowId)"}"#, token: workflow.token)
    }

    func cancel(_ workflow: InitResponse) async throws -> JSONReply {
        try await post(json: #"{"mode":"cancel","workflowId":"\#(workflow.workflowId)"}"#, token: workflow.token)
    }
}
