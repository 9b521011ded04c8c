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

    /// A `POST` to the sandbox's GitHub or Vercel API (`path` below `/sandbox`, such as `/vercel/v10/projects/p/env`)
    /// with a valid token, as another client of the same account would: to set up what a user did by hand before.
    public func providerCall(_ path: String, json: String) async throws -> JSONReply {
        let token = path.hasPrefix("/github") ? "test-github-token" : "test-vercel-token"
        return try await client.post(sandboxURL + path, json: json, token: token, absolute: true)
    }

    /// `POST /sandbox/faults` with `json`.
    public func setFaults(_ json: String) async throws {
        let reply = try await client.post(sandboxURL + "/faults", json: json, absolute: true)
        guard reply.status == 200 else { throw ChildProcessError("POST /sandbox/faults answered \(reply.status): \(reply.text)") }
    }
}
