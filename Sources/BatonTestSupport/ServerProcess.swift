public import AsyncHTTPClient
public import Foundation
import Synchronization

/// A `baton` server run as a child process on a fixed loopback port, which can be killed and started again on
/// the same port.
public final class ServerProcess: Sendable {
    /// A name for messages, such as `serve` or `sandbox`.
    public let name: String
    /// The port it listens on, for its whole life.
    public let port: Int
    /// Where every launch's output is appended.
    public let logPath: String
    private let binary: String
    private let arguments: [String]
    private let environment: [String: String]
    private let readinessPath: String
    private let http: HTTPClient
    private let current = Mutex<ChildProcess?>(nil)
    private let launchCount = Atomic<Int>(0)

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(
        name: String, port: Int, logPath: String, binary: String, arguments: [String], environment: [String: String],
        readinessPath: String, http: HTTPClient
    ) {
        self.name = name
        self.port = port
        self.logPath = logPath
        self.binary = binary
        self.arguments = arguments
        self.environment = environment
        self.readinessPath = readinessPath
        self.http = http
    }

    /// Starts `baton <arguments(port)>` on a free port and waits until `readinessPath` answers 200; tries other
    /// ports when the chosen one turns out to be taken.
    public static func start(
        _ name: String, arguments: (Int) -> [String], readinessPath: String, environment: [String: String],
        folder: URL, http: HTTPClient
    ) async throws -> ServerProcess {
        let binary = try ProcessEnvironment.batonBinary()
        var lastError: (any Error)?
        for _ in 0..<5 {
            let port = try FreePort.loopback()
            let server = ServerProcess(
                name: name, port: port, logPath: folder.appendingPathComponent("\(name).log").path, binary: binary,
                arguments: arguments(port), environment: environment, readinessPath: readinessPath, http: http)
            do {
                try await server.launchOnce()
                return server
            } catch {
                server.kill()
                if error is CancellationError { throw error }
                lastError = error
            }
        }
        throw lastError ?? ChildProcessError("\(name) did not start")
    }

    /// Kills the process with SIGKILL (no shutdown of any kind) and reaps it; nothing when it is not running.
    public func kill() {
        let child = current.withLock { child in
            defer { child = nil }
            return child
        }
        child?.kill()
    }

    /// Whether a launched process is still alive.
    public var isRunning: Bool { current.withLock { $0?.isRunning ?? false } }

    /// How many times the process was launched.
    public var launches: Int { launchCount.load(ordering: .relaxed) }

    /// Starts the process again on the same port (retrying while the port is still being released).
    public func restart() async throws {
        kill()
        var lastError: (any Error)?
        for _ in 0..<30 {
            do {
                try await launchOnce()
                return
            } catch let error as ChildProcessError {
                kill()
                lastError = error
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        throw lastError ?? ChildProcessError("\(name) did not restart")
    }

    /// Starts it again unless it is running and answering.
    public func ensureRunning() async throws {
        if isRunning, (try? await JSONClient(http: http, baseURL: baseURL).get(readinessPath))?.status == 200 { return }
        try await restart()
    }

    /// The end of the log, for failure messages.
    public func logTail(lines: Int = 30) -> String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    private func launchOnce() async throws {
        let number = launchCount.add(1, ordering: .relaxed).newValue
        Self.append("--- launch \(number): baton \(arguments.joined(separator: " "))\n", to: logPath)
        let child = try ChildProcess.launch(binary, arguments, environment: environment, logPath: logPath)
        current.withLock { $0 = child }
        let client = JSONClient(http: http, baseURL: baseURL)
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let status = child.exitStatus {
                throw ChildProcessError("\(name) exited with \(status) on port \(port):\n\(logTail())")
            }
            if (try? await client.get(readinessPath))?.status == 200 { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        throw ChildProcessError("\(name) did not answer \(readinessPath) on port \(port) within 30 s:\n\(logTail())")
    }

    private static func append(_ line: String, to path: String) {
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data(line.utf8))
    }
}
