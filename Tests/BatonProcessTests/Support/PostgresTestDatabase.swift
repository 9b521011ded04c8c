import BatonTestSupport
import Foundation

/// A PostgreSQL database for one test, made fresh on the server named by `BATON_TEST_POSTGRES_URL` with `psql`
/// (so its secret-key check and tables start empty), and dropped afterwards.
struct PostgresTestDatabase: Sendable {
    /// The variable naming the server, e.g. `postgres://baton@127.0.0.1:54329/postgres`.
    static let urlVariable = "BATON_TEST_POSTGRES_URL"
    /// Setting this to `1` skips the PostgreSQL tests (for local runs without PostgreSQL).
    static let skipVariable = "BATON_SKIP_POSTGRES"
    /// Whether the PostgreSQL tests are skipped on purpose.
    static var skipped: Bool { ProcessInfo.processInfo.environment[skipVariable] == "1" }

    /// The database's URL, for `baton serve --store`.
    let url: String
    /// The `BATON_SECRET_KEY` every instance on this database uses.
    let secretKey: String
    private let serverURL: String
    private let name: String
    private let psqlPath: String

    /// Creates a fresh database; fails with instructions when `BATON_TEST_POSTGRES_URL` is unset.
    static func create(folder: URL) async throws -> PostgresTestDatabase {
        guard let serverURL = ProcessInfo.processInfo.environment[urlVariable] else {
            throw ChildProcessError(
                "\(urlVariable) is not set: start PostgreSQL with `eval \"$(scripts/start-test-postgres | tail -1)\"`, or set \(skipVariable)=1 to skip these tests")
        }
        guard var components = URLComponents(string: serverURL), components.host != nil else {
            throw ChildProcessError("\(urlVariable)=\(serverURL) is not a postgres:// URL")
        }
        guard let psql = findPSQL() else {
            throw ChildProcessError("psql is needed to create a fresh test database (apt-get install -y postgresql-client)")
        }
        let name = "baton_process_\(UInt32.random(in: .min ... .max))"
        components.path = "/" + name
        let database = PostgresTestDatabase(
            url: components.string ?? serverURL, secretKey: Self.randomKey(), serverURL: serverURL, name: name, psqlPath: psql)
        try await database.run("CREATE DATABASE \(name)", folder: folder)
        return database
    }

    /// Drops the database (after every instance using it was killed).
    func drop(folder: URL) async {
        try? await run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", folder: folder)
    }

    private func run(_ command: String, folder: URL) async throws {
        let log = folder.appendingPathComponent("psql.log").path
        let child = try ChildProcess.launch(
            psqlPath, [serverURL, "-v", "ON_ERROR_STOP=1", "-q", "-c", command],
            environment: ProcessInfo.processInfo.environment, logPath: log, lifetime: 60)
        defer { child.kill() }
        let deadline = ContinuousClock.now + .seconds(30)
        while child.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        guard child.exitStatus == 0 else {
            throw ChildProcessError("psql \(command) failed (\(child.exitStatus.map(String.init) ?? "timed out")): \(child.logTail())")
        }
    }

    private static func findPSQL() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let candidates = path.split(separator: ":").map { "\($0)/psql" }
            + ["/usr/lib/postgresql/15/bin/psql", "/usr/lib/postgresql/16/bin/psql", "/usr/lib/postgresql/17/bin/psql"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private static func randomKey() -> String {
        Data((0..<32).map { _ in UInt8.random(in: .min ... .max) }).base64EncodedString()
    }
}
