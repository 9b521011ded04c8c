import Foundation
import Synchronization

/// Appends one JSON line per provider exchange to a file, for contract checks against the OpenAPI descriptions.
///
/// Environment-variable values are replaced by `"<redacted>"` and no header is recorded (so no `Authorization`), so
/// recordings never hold secrets; the OAuth endpoints, whose bodies hold codes, client secrets and tokens, are served
/// apart from the provider APIs and never reach the recorder.
final class ExchangeRecorder: Sendable {
    private let path: String
    private let writeLock = Mutex(())

    /// Records to `path`, creating the file if needed.
    init(path: String) {
        self.path = path
    }

    /// Appends the exchange of `request`, served as `reply` and counted under `callKey`.
    func record(_ request: ProviderRequest, callKey: String, reply: ProviderReply) {
        let route = String(callKey.drop(while: { $0 != " " }).dropFirst())
        let redacts = route.hasSuffix("/env") || route == "/v11/projects"
        let line: JSONValue = [
            "provider": .string(request.provider.rawValue), "method": .string(request.method),
            "path": .string(request.target.path), "route": .string(route),
            "query": .object(request.target.query.mapValues(JSONValue.string)),
            "requestBody": request.body.json.map { redacts ? Self.redactingValues($0) : $0 } ?? .null,
            "status": .int(reply.status),
            "responseBody": reply.body.map { redacts ? Self.redactingValues($0) : $0 } ?? .null,
            "injectedFailure": .bool(reply.isInjectedFailure),
        ]
        var data = line.encodedData()
        data.append(0x0A)
        writeLock.withLock { _ in
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil)
            }
            guard let handle = FileHandle(forWritingAtPath: path) else { return }
            defer { try? handle.close() }
            _ = try? handle.seekToEnd()
            try? handle.write(contentsOf: data)
        }
    }

    /// `document` with every string under a `value` key replaced, recursively.
    static func redactingValues(_ document: JSONValue) -> JSONValue {
        switch document {
        case .object(let members):
            return .object(
                Dictionary(
                    uniqueKeysWithValues: members.map { key, member in
                        key == "value" && member.stringValue != nil
                            ? (key, JSONValue.string("<redacted>")) : (key, redactingValues(member))
                    }))
        case .array(let elements):
            return .array(elements.map(redactingValues))
        default:
            return document
        }
    }
}
