import BatonCore
public import Foundation
import Synchronization

/// Every exchange the tests have with a Baton server, to hold the server to its own OpenAPI description
/// (`Sources/BatonServer/OpenAPI/openapi.json`): a harness hands one to its clients (``JSONClient``,
/// ``APIRecordingTransport``) and calls ``validate()`` when it ends.
///
/// Each exchange is kept as one line `Tests/Contract/validate_openapi.py --spec` reads: method, path, query, the
/// request's and the response's media type and body (a JSON body as JSON, any other as text), status and response
/// headers. Paths under `/sandbox/` are not kept: `baton serve --sandbox` mounts the provider sandbox beside Baton's
/// routes, and the sandbox is held to the providers' descriptions instead.
public final class APIExchangeRecorder: Sendable {
    private let lines = Mutex<[String]>([])

    public init() {}

    /// How many exchanges were kept.
    public var count: Int { lines.withLock { $0.count } }

    /// Keeps one exchange.
    /// - Parameters:
    ///   - target: the request's path and query, such as `/api/workflows?limit=5`.
    ///   - requestHeaders: the request's header fields (only `Content-Type` is kept).
    ///   - responseHeaders: the response's header fields (kept with lower-cased names; the last of a repeated one).
    public func record(
        method: String, target: String, requestHeaders: [String: String], requestBody: Data,
        status: Int, responseHeaders: [String: String], responseBody: Data
    ) {
        let (path, query) = Self.split(target)
        guard !path.hasPrefix("/sandbox/") else { return }
        let requestType = Self.value(of: "content-type", in: requestHeaders)
        let headers = Dictionary(responseHeaders.map { ($0.key.lowercased(), $0.value) }) { _, last in last }
        var exchange: [String: JSONValue] = [
            "method": .string(method.uppercased()), "path": .string(path), "query": .object(query.mapValues(JSONValue.string)),
            "requestBody": requestBody.isEmpty ? .null : Self.body(requestBody, contentType: requestType),
            "status": .number(Double(status)),
            "responseHeaders": .object(headers.mapValues(JSONValue.string)),
            "responseBody": responseBody.isEmpty ? .null : Self.body(responseBody, contentType: headers["content-type"]),
        ]
        if !requestBody.isEmpty, let requestType { exchange["requestContentType"] = .string(requestType) }
        if let responseType = headers["content-type"] { exchange["responseContentType"] = .string(responseType) }
        let line = String(decoding: (try? JSONEncoder().encode(JSONValue.object(exchange))) ?? Data(), as: UTF8.self)
        lines.withLock { $0.append(line) }
    }

    /// Validates every kept exchange against Baton's OpenAPI description (nothing to do when none was kept).
    /// - Throws: ``APIContractViolation`` with the validator's report when any exchange does not conform.
    public func validate() async throws {
        let kept = lines.withLock { $0 }
        guard !kept.isEmpty else { return }
        let recording = FileManager.default.temporaryDirectory
            .appendingPathComponent("baton-api-exchanges-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: recording) }
        try Data((kept.joined(separator: "\n") + "\n").utf8).write(to: recording)
        let (status, output) = try await OpenAPIContract.validate(recording: recording, against: .baton)
        guard status == 0 else { throw APIContractViolation(report: output) }
    }

    /// A body as the validator reads it: its JSON value when it is sent as JSON and parses, else its text.
    private static func body(_ data: Data, contentType: String?) -> JSONValue {
        let text = String(decoding: data, as: UTF8.self)
        guard contentType?.lowercased().hasPrefix("application/json") == true else { return .string(text) }
        return (try? JSONParser.parse(data)) ?? .string(text)
    }

    private static func split(_ target: String) -> (path: String, query: [String: String]) {
        guard let mark = target.firstIndex(of: "?") else { return (target, [:]) }
        let components = URLComponents(string: "http://baton" + target)
        var query: [String: String] = [:]
        for item in components?.queryItems ?? [] { query[item.name] = item.value ?? "" }
        return (String(target[..<mark]), query)
    }

    private static func value(of name: String, in headers: [String: String]) -> String? {
        headers.first { $0.key.lowercased() == name }?.value
    }
}

/// Exchanges with a Baton server that do not conform to its OpenAPI description.
public struct APIContractViolation: Error, CustomStringConvertible {
    /// The validator's report: a `FAIL` line per problem (naming the exchange and the schema error), then counts.
    public let report: String

    public var description: String {
        "Baton answered outside its OpenAPI description (Sources/BatonServer/OpenAPI/openapi.json):\n\(report)"
    }
}
