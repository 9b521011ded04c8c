import AsyncHTTPClient
import BatonTestSupport
import Foundation

/// One sandbox process and two `baton serve` processes sharing a fresh PostgreSQL database, for one test.
struct SharedPostgresCluster: Sendable {
    let sandbox: SandboxProcess
    let instances: [ServerProcess]
    let http: HTTPClient
    /// A GitHub owner nobody else uses.
    let owner: String
    /// Keeps what the cluster's clients exchange with its instances, checked against Baton's OpenAPI description.
    let recorder = APIExchangeRecorder()

    /// Starts everything, runs `body`, then kills every process and drops the database, on every path; then checks
    /// every exchange of ``alternatingClient()`` against Baton's OpenAPI description.
    static func run(_ body: (SharedPostgresCluster) async throws -> Void) async throws {
        let folder = try ProcessEnvironment.scratchFolder("postgres")
        let http = ProcessEnvironment.makeHTTPClient()
        var processes: [ServerProcess] = []
        var database: PostgresTestDatabase?
        do {
            let created = try await PostgresTestDatabase.create(folder: folder)
            database = created
            let store = created.url
            let environment = ProcessEnvironment.childEnvironment(adding: ["BATON_SECRET_KEY": created.secretKey])
            let sandbox = try await SandboxProcess.start(folder: folder, http: http)
            processes.append(sandbox.server)
            // Both start at once on the fresh database, so both create its tables at the same time.
            let instances = try await withThrowingTaskGroup(of: ServerProcess.self) { group in
                for number in 1...2 {
                    group.addTask {
                        try await ServerProcess.start(
                            "serve-\(number)",
                            arguments: { ["serve", "--store", store, "--port", "\($0)", "--request-budget", "2s"] + sandbox.providerArguments },
                            readinessPath: "/healthz", environment: environment, folder: folder, http: http)
                    }
                }
                var instances: [ServerProcess] = []
                var failure: (any Error)?
                while let result = await group.nextResult() {
                    switch result {
                    case .success(let instance): instances.append(instance)
                    case .failure(let error): failure = failure ?? error
                    }
                }
                if let failure {
                    for instance in instances { instance.kill() }
                    throw failure
                }
                return instances.sorted { $0.name < $1.name }
            }
            processes += instances
            let owner = "acme-\(String(UInt32.random(in: .min ... .max), radix: 16))"
            let cluster = SharedPostgresCluster(sandbox: sandbox, instances: instances, http: http, owner: owner)
            try await body(cluster)
            try await cluster.recorder.validate()
        } catch {
            for process in processes { process.kill() }
            await database?.drop(folder: folder)
            try? await http.shutdown()
            guard !processes.isEmpty else {
                try? FileManager.default.removeItem(at: folder)
                throw error
            }
            let logs = processes.map { "--- \($0.name) log (\($0.logPath)):\n\($0.logTail())" }.joined(separator: "\n")
            throw ChildProcessError("\(error)\n\(logs)")
        }
        for process in processes { process.kill() }
        await database?.drop(folder: folder)
        try await http.shutdown()
        try? FileManager.default.removeItem(at: folder)
    }

    /// A client that sends each request to the other instance than the last one.
    func alternatingClient() -> ResilientClient {
        ResilientClient(http: http, baseURLs: instances.map(\.baseURL), patience: .seconds(10), recordingTo: recorder)
    }
}
