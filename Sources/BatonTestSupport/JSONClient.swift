public import AsyncHTTPClient
public import BatonCore
import Foundation
import NIOCore
import NIOHTTP1

/// A response: its status and its body as JSON (or `.null` when empty).
public struct JSONReply: Sendable {
    /// The HTTP status code.
    public let status: Int
    /// The body as JSON, or `.null` when it is empty or not JSON.
    public let body: JSONValue
    /// The body as text.
    public let text: String
    /// The response headers, by lowercased name (the last value of a repeated one).
    public var headers: [String: String] = [:]

    /// The `error.code` of an error body.
    public var errorCode: String? { body.objectValue?["error"]?.objectValue?["code"]?.stringValue }

    /// The paths of an error's details.
    public var errorPaths: [String] {
        body.objectValue?["error"]?.objectValue?["details"]?.arrayValue?.compactMap { $0.objectValue?["path"]?.stringValue } ?? []
    }

    /// A member of the body object.
    public subscript(_ key: String) -> JSONValue? { body.objectValue?[key] }

    /// Decodes the body with Baton's date format.
    public func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try BatonJSON.makeDecoder().decode(type, from: Data(text.utf8))
    }
}

/// Sends JSON to a Baton server (or any server, with `absolute` URLs) and reads JSON back.
public struct JSONClient: Sendable {
    /// The HTTP client.
    public let http: HTTPClient
    /// The server's base URL.
    public let baseURL: String
    /// Keeps every exchange with the server at ``baseURL`` (not those with `absolute` URLs), when given.
    public let recorder: APIExchangeRecorder?

    /// A client of the server at `baseURL`; `recorder` keeps its exchanges, for the server's OpenAPI check.
    public init(http: HTTPClient, baseURL: String, recordingTo recorder: APIExchangeRecorder? = nil) {
        self.http = http
        self.baseURL = baseURL
        self.recorder = recorder
    }

    /// Posts `json` to `path` (a full URL when `absolute`).
    public func post(
        _ path: String = "/api/deploy", json: String, token: String? = nil, contentType: String? = "application/json", absolute: Bool = false
    ) async throws -> JSONReply {
        var request = HTTPClientRequest(url: absolute ? path : baseURL + path)
        request.method = .POST
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        request.body = .bytes(ByteBuffer(string: json))
        return try await send(request, recording: absolute ? nil : (path, json))
    }

    /// Gets `path` (a full URL when `absolute`), with `Authorization: Bearer token` when given.
    public func get(_ path: String, token: String? = nil, absolute: Bool = false) async throws -> JSONReply {
        var request = HTTPClientRequest(url: absolute ? path : baseURL + path)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        return try await send(request, recording: absolute ? nil : (path, ""))
    }

    /// Sends `request`; `recording` (its path relative to ``baseURL`` and its body) goes to ``recorder``.
    private func send(_ request: HTTPClientRequest, recording: (target: String, body: String)?) async throws -> JSONReply {
        let response = try await http.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 16 * 1024 * 1024)
        let text = String(buffer: buffer)
        let body = text.isEmpty ? JSONValue.null : (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) ?? .null
        var reply = JSONReply(status: Int(response.status.code), body: body, text: text)
        for (name, value) in response.headers { reply.headers[name.lowercased()] = value }
        if let recorder, let recording {
            recorder.record(
                method: request.method.rawValue, target: recording.target,
                requestHeaders: Dictionary(request.headers.map { ($0.name, $0.value) }) { _, last in last },
                requestBody: Data(recording.body.utf8), status: reply.status, responseHeaders: reply.headers,
                responseBody: Data(buffer.readableBytesView)
            )
        }
        return reply
    }

    // Shortcuts for the protocol's modes.

    public func initialize(
        apps: [String] = ["app-a", "app-b", "app-c"], domain: String? = "example.com",
        envVars: String = #"{"app-a":{"DATABASE_URL":"postgres://user:hunter2@db/app"}}"#
    ) async throws -> (reply: JSONReply, workflow: InitResponse) {
        let appList = apps.map { "\"\($0)\"" }.joined(separator: ",")
        let domainField = domain.map { #","domain":"\#($0)""# } ?? ""
        let reply = try await post(json: #"{"mode":"init","config":{"apps":[\#(appList)],"github":{"owner":"acme"}\#(domainField)},"envVars":\#(envVars)}"#)
        return (reply, try reply.decode(InitResponse.self))
    }

    public func trigger(_ workflow: InitResponse, _ app: String, _ action: String, token: String? = nil) async throws -> JSONReply {
        try await post(json: #"{"mode":"trigger","workflowId":"\#(workflow.workflowID)","app":"\#(app)","action":"\#(action)"}"#, token: token ?? workflow.token)
    }

    public func status(_ workflow: InitResponse, _ app: String, _ action: String, waitMs: Int = 0) async throws -> JSONReply {
        try await post(json: #"{"mode":"status","workflowId":"\#(workflow.workflowID)","app":"\#(app)","action":"\#(action)","waitMs":\#(waitMs)}"#, token: workflow.token)
    }

    /// `status` of the whole workflow; with `history`, asks for its transitions too.
    public func workflowStatus(_ workflow: InitResponse, history: Bool = false) async throws -> JSONReply {
        try await post(json: #"{"mode":"status","workflowId":"\#(workflow.workflowID)","history":\#(history)}"#, token: workflow.token)
    }

    public func cancel(_ workflow: InitResponse) async throws -> JSONReply {
        try await post(json: #"{"mode":"cancel","workflowId":"\#(workflow.workflowID)"}"#, token: workflow.token)
    }
}
