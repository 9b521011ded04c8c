import AsyncHTTPClient
import BatonTestSupport
import Foundation

/// `baton sandbox` in its own process, so its state outlives every Baton crash.
struct SandboxProcess: Sendable {
    /// The server process.
    let server: ServerProcess
    private let control: SandboxControl

    /// `http://127.0.0.1:PORT/sandbox`.
    var url: String { server.baseURL + "/sandbox" }

    /// Starts a fresh sandbox with quick forks and builds.
    static func start(folder: URL, http: HTTPClient) async throws -> SandboxProcess {
        let server = try await ServerProcess.start(
            "sandbox",
            arguments: { ["sandbox", "--port", "\($0)", "--fork-seconds", "0.5", "--build-seconds", "1"] },
            readinessPath: "/sandbox/state", environment: ProcessEnvironment.childEnvironment(), folder: folder, http: http)
        return SandboxProcess(
            server: server,
            control: SandboxControl(client: JSONClient(http: http, baseURL: server.baseURL), sandboxURL: server.baseURL + "/sandbox"))
    }

    /// The `baton serve` arguments that point the providers at this sandbox.
    /// Points `baton serve` at this sandbox; such a server acts like one with real tokens, so it must be told who may
    /// deploy: anyone (`--auth none`), as these tests drive it without keys.
    var providerArguments: [String] {
        ["--github-api-url", url + "/github", "--vercel-api-url", url + "/vercel", "--auth", "none"]
    }

    /// `GET /sandbox/state`.
    func state() async throws -> SandboxSnapshot {
        try await control.state()
    }

    /// `POST /sandbox/faults` with `json`.
    func setFaults(_ json: String) async throws {
        try await control.setFaults(json)
    }
}
