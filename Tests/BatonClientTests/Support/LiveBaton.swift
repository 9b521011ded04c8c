import AsyncHTTPClient
import BatonClient
import BatonCore
import BatonTestSupport
import Foundation

/// `baton serve --sandbox --store memory` in its own process on a free port: a live server whose providers are the
/// sandbox it serves at `/sandbox`, for the client's end-to-end tests.
struct LiveBaton: Sendable {
    /// The server process.
    let server: ServerProcess
    /// Its sandbox's control endpoints.
    let control: SandboxControl
    /// The scratch folder holding its log.
    let folder: URL
    /// Keeps what every ``client(_:)`` exchanges with the server, checked against its OpenAPI description at the end.
    let recorder: APIExchangeRecorder

    /// The server's base URL.
    var url: URL { URL(string: server.baseURL)! }

    /// Starts a server with quick sandbox forks and builds (plus `extraArguments`), runs `body`, stops it, and checks
    /// every exchange its clients had against Baton's OpenAPI description (throwing ``APIContractViolation`` when one
    /// does not conform). The `baton` processes a test starts talk to it unrecorded.
    static func run<Value: Sendable>(
        forkSeconds: Double = 0.5, buildSeconds: Double = 1, extraArguments: [String] = [],
        _ body: @Sendable (LiveBaton) async throws -> Value
    ) async throws -> Value {
        let http = ProcessEnvironment.makeHTTPClient()
        let folder = try ProcessEnvironment.scratchFolder("client")
        do {
            let server = try await ServerProcess.start(
                "serve",
                arguments: { port in
                    ["serve", "--sandbox", "--store", "memory", "--port", "\(port)", "--log-level", "warning",
                     "--sandbox-fork-seconds", "\(forkSeconds)", "--sandbox-build-seconds", "\(buildSeconds)"] + extraArguments
                },
                readinessPath: "/healthz", environment: ProcessEnvironment.childEnvironment(), folder: folder, http: http)
            defer { server.kill() }
            let baton = LiveBaton(server: server, control: SandboxControl(
                client: JSONClient(http: http, baseURL: server.baseURL), sandboxURL: server.baseURL + "/sandbox"), folder: folder,
                recorder: APIExchangeRecorder())
            let value = try await body(baton)
            try await http.shutdown()
            try await baton.recorder.validate()
            return value
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    /// A Baton client of this server, through `transport` (its exchanges recorded).
    func client(_ transport: any BatonTransport = URLSessionTransport()) -> BatonClient {
        BatonClient(serverURL: url, transport: APIRecordingTransport(transport, recordingTo: recorder))
    }

    /// `GET /sandbox/state`.
    func sandboxState() async throws -> SandboxSnapshot {
        try await control.state()
    }

    /// `POST /sandbox/faults`.
    func setFaults(_ json: String) async throws {
        try await control.setFaults(json)
    }
}

/// The three built-in apps with a domain and an env value, as `init` takes them.
func threeApps(owner: String = "acme", domain: String? = "example.com") -> InitRequest {
    InitRequest(
        config: WorkflowConfig(apps: ["app-a", "app-b", "app-c"], github: GitHubTarget(owner: owner), domain: domain),
        envVars: ["app-a": ["DATABASE_URL": "postgres://db.example.com/app"]])
}
