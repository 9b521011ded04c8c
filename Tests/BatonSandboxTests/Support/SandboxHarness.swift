import BatonSandbox
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A response as the tests read it.
struct SandboxResponse: Sendable {
    let status: Int
    let headers: HTTPFields
    let json: TestJSON?

    /// The header `name`, if present.
    func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }

    /// Vercel's `error.code`.
    var vercelErrorCode: String? { json?["error"]?["code"]?.string }
}

/// Runs a fresh sandbox on a router with a manual clock.
struct SandboxHarness: Sendable {
    let sandbox: ProviderSandbox
    let clock: ManualSandboxClock

    init(configuration: SandboxConfiguration = .init(), recordExchangesTo path: String? = nil) {
        clock = ManualSandboxClock()
        sandbox = ProviderSandbox(configuration: configuration, clock: clock, recordExchangesTo: path)
    }

    /// Calls `body` with a client of a router serving the sandbox.
    func run(_ body: @Sendable (SandboxClient) async throws -> Void) async throws {
        let router = Router()
        sandbox.register(on: router)
        let application = Application(router: router)
        try await application.test(.router) { client in
            try await body(SandboxClient(client: client, clock: clock))
        }
    }
}

/// Sends requests to the sandbox's provider and control endpoints.
struct SandboxClient: Sendable {
    let client: any TestClientProtocol
    let clock: ManualSandboxClock

    /// A GitHub request; `token: nil` sends no `Authorization` header.
    func github(
        _ method: HTTPRequest.Method, _ path: String, body: String? = nil,
        token: String? = ProviderSandbox.acceptedToken,
        apiVersion: String? = "2022-11-28"
    ) async throws -> SandboxResponse {
        var headers: HTTPFields = [.accept: "application/vnd.github+json", .userAgent: "baton-tests"]
        if let apiVersion { headers[HTTPField.Name("X-GitHub-Api-Version")!] = apiVersion }
        return try await send(method, "/sandbox/github" + path, body: body, token: token, headers: headers)
    }

    /// A Vercel request; `token: nil` sends no `Authorization` header.
    func vercel(
        _ method: HTTPRequest.Method, _ path: String, body: String? = nil,
        token: String? = ProviderSandbox.acceptedToken
    ) async throws -> SandboxResponse {
        try await send(method, "/sandbox/vercel" + path, body: body, token: token, headers: [:])
    }

    /// A control request (`/sandbox/state`, `/sandbox/faults`, `/sandbox/dns`).
    func control(_ method: HTTPRequest.Method, _ path: String, body: String? = nil) async throws -> SandboxResponse {
        try await send(method, path, body: body, token: nil, headers: [:])
    }

    /// `GET /sandbox/state`.
    func state() async throws -> TestJSON {
        try await control(.get, "/sandbox/state").json ?? .null
    }

    /// `POST /sandbox/faults` with `body`.
    @discardableResult
    func faults(_ body: String) async throws -> SandboxResponse {
        try await control(.post, "/sandbox/faults", body: body)
    }

    private func send(
        _ method: HTTPRequest.Method, _ uri: String, body: String?, token: String?, headers: HTTPFields
    ) async throws -> SandboxResponse {
        var headers = headers
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/json" }
        let response = try await client.execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        return SandboxResponse(
            status: Int(response.status.code), headers: response.headers,
            json: TestJSON.parse(Data(response.body.readableBytesView)))
    }
}
