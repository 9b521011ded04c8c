public import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif

/// A program started as a child process for a test, in its own process group, with its output in a log file.
///
/// On Linux the program runs under `timeout --signal=KILL <lifetime>` (in the same process group), so it dies
/// by itself even if the test process crashes before it could clean up. ``kill()`` sends `SIGKILL` to the whole
/// group and reaps the child; call it on every path out of a test (`defer`).
public final class ChildProcess: Sendable {
    /// The process id of the child (the group leader).
    public let pid: pid_t
    /// Where the child's standard output and standard error go.
    public let logPath: String
    /// The program and its arguments, for messages.
    public let commandLine: String

    private let exit = Mutex<Int32?>(nil)

    private init(pid: pid_t, logPath: String, commandLine: String) {
        self.pid = pid
        self.logPath = logPath
        self.commandLine = commandLine
    }

    /// Starts `executable` with `arguments`.
    /// - Parameters:
    ///   - environment: the child's whole environment.
    ///   - logPath: a file the child's output is appended to (created when missing).
    ///   - errorPath: a separate file for its standard error; `nil` appends it to `logPath` too.
    ///   - lifetime: the most seconds the child may live (enforced with `timeout` where it exists).
    public static func launch(
        _ executable: String, _ arguments: [String], environment: [String: String], logPath: String,
        errorPath: String? = nil, lifetime: Int = 900
    ) throws -> ChildProcess {
        let timeout = ["/usr/bin/timeout", "/bin/timeout"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let argv = timeout.map { [$0, "--signal=KILL", "\(lifetime)", executable] + arguments } ?? [executable] + arguments
        let program = argv[0]
        let commandLine = ([executable] + arguments).joined(separator: " ")

        var actions = Self.makeFileActions()
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        if let errorPath {
            posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        var attributes = Self.makeAttributes()
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)

        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in cArguments + cEnvironment { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, program, &actions, &attributes, cArguments, cEnvironment)
        guard result == 0 else {
            throw ChildProcessError("cannot start \(commandLine): \(String(cString: strerror(result)))")
        }
        return ChildProcess(pid: pid, logPath: logPath, commandLine: commandLine)
    }

    /// The exit status once the child has ended (a signal number is reported as 128 + signal), else nil.
    public var exitStatus: Int32? {
        exit.withLock { exit in
            if exit == nil {
                var status: Int32 = 0
                if waitpid(pid, &status, WNOHANG) == pid { exit = Self.decode(status) }
            }
            return exit
        }
    }

    /// Waits (polling, without blocking a thread) until the child ends, and returns its exit status.
    public func waitForExit() async throws -> Int32 {
        while true {
            if let status = exitStatus { return status }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Whether the child is still running.
    public var isRunning: Bool { exitStatus == nil }

    /// Sends `SIGKILL` to the child's process group at once and waits for the child to end. Safe to call again.
    public func kill() {
        exit.withLock { exit in
            guard exit == nil else { return }
            _ = Self.signalGroup(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            exit = Self.decode(status)
        }
    }

    /// The last `lines` lines of the child's log, for failure messages.
    public func logTail(lines: Int = 40) -> String {
        guard let data = FileManager.default.contents(atPath: logPath) else { return "(no log at \(logPath))" }
        let text = String(decoding: data, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    private static func decode(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    private static func signalGroup(_ pid: pid_t, _ signal: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.kill(-pid, signal)
        #else
        Darwin.kill(-pid, signal)
        #endif
    }

    #if os(Linux)
    private static func makeFileActions() -> posix_spawn_file_actions_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        return actions
    }

    private static func makeAttributes() -> posix_spawnattr_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        return attributes
    }
    #else
    private static func makeFileActions() -> posix_spawn_file_actions_t? {
        var actions: posix_spawn_file_actions_t?
        posix_spawn_file_actions_init(&actions)
        return actions
    }

    private static func makeAttributes() -> posix_spawnattr_t? {
        var attributes: posix_spawnattr_t?
        posix_spawnattr_init(&attributes)
        return attributes
    }
    #endif
}

/// Why a child process could not be started or did not come up.
public struct ChildProcessError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public let description: String

    /// An error saying `description`.
    public init(_ description: String) {
        self.description = description
    }
}
