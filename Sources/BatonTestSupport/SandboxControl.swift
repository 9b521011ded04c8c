import Foundation

/// The sandbox's control endpoints, wherever the sandbox is served: `GET /sandbox/state` and `POST /sandbox/faults`.
public struct SandboxControl: Sendable {
    private let client: JSONClient
    /// The sandbox's base URL, ending in `/sandbox`.
    public let sandboxURL: String

    /// Controls the sandbox at `sandboxURL` (ending in `/sandbox`) through `client`.
    public init(client: JSONClient, sandboxURL: String) {
        self.client = client
        self.sandboxURL = sandboxURL
    }

    /// `GET /sandbox/state`.
    public func state() async throws -> SandboxSnapshot {
        let reply = try await client.get(sandboxURL + "/state", absolute: true)
        guard reply.status == 200 else { throw ChildProcessError("GET /sandbox/state answered \(reply.status)") }
        return try SandboxSnapshot.decode(reply.text)
    }

    /// `POST /sandbox/faults` with `json`.
    public func setFaults(_ json: String) async throws {
        let reply = try await client.post(sandboxURL + "/faults", json: json, absolute: true)
        guard reply.status == 200 else { throw ChildProcessError("POST /sandbox/faults answered \(reply.status): \(reply.text)") }
    }
}
