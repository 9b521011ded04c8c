import BatonTestSupport
import Foundation

/// A command running in a real pseudo-terminal: a detached tmux session on its own server socket, whose rendered
/// screen the test reads (escape codes already applied) and to which it can send keys.
struct TerminalSession: Sendable {
    private let socket: String
    /// The exit code marker the session prints after the command ends.
    private static let exitMarker = "EXIT="

    /// Starts `baton <arguments>` in a `columns` × `rows` terminal, with `BATON_HOME` set to `home`.
    init(_ arguments: [String], home: URL, columns: Int = 100, rows: Int = 40) async throws {
        socket = "baton-test-\(UInt32.random(in: .min ... .max))"
        let binary = try ProcessEnvironment.batonBinary()
        let command = ([binary] + arguments).map(Self.quoted).joined(separator: " ")
        let script = "export BATON_HOME=\(Self.quoted(home.path)) GITHUB_TOKEN=t VERCEL_TOKEN=t; \(command); echo \(Self.exitMarker)$?; sleep 300"
        _ = try await Self.tmux(["-L", socket, "new-session", "-d", "-s", "main", "-x", "\(columns)", "-y", "\(rows)", script])
    }

    /// The screen's text now, trailing blank lines removed.
    func screen() async throws -> String {
        let text = try await Self.tmux(["-L", socket, "capture-pane", "-p", "-t", "main"])
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            .reversed().drop { $0.trimmingCharacters(in: .whitespaces).isEmpty }.reversed().joined(separator: "\n")
    }

    /// Starts a session, runs `body` with it, and always ends it.
    static func run<Value: Sendable>(
        _ arguments: [String], home: URL, _ body: (TerminalSession) async throws -> Value
    ) async throws -> Value {
        let terminal = try await TerminalSession(arguments, home: home)
        do {
            let value = try await body(terminal)
            await terminal.close()
            return value
        } catch {
            await terminal.close()
            throw error
        }
    }

    /// Sends tmux key names, such as `C-c`.
    func send(keys: String) async throws {
        _ = try await Self.tmux(["-L", socket, "send-keys", "-t", "main", keys])
    }

    /// Polls the screen until `condition` holds, returning that screen; throws with the last screen on timeout.
    @discardableResult
    func waitForScreen(timeout: Duration = .seconds(60), _ condition: (String) -> Bool) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while ContinuousClock.now < deadline {
            last = try await screen()
            if condition(last) { return last }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ChildProcessError("the terminal did not show what was expected within \(timeout):\n\(last)")
    }

    /// Waits for the command to end; returns its exit code and the final screen.
    func waitForExit(timeout: Duration = .seconds(90)) async throws -> (code: Int32, screen: String) {
        let screen = try await waitForScreen(timeout: timeout) { $0.contains(Self.exitMarker) }
        let marker = screen.components(separatedBy: Self.exitMarker).last ?? ""
        let code = Int32(marker.prefix { $0.isNumber }) ?? -1
        return (code, screen.components(separatedBy: Self.exitMarker).first ?? screen)
    }

    /// Ends the session and its tmux server.
    func close() async {
        _ = try? await Self.tmux(["-L", socket, "kill-server"])
    }

    @discardableResult
    /// Runs tmux to its end and returns what it printed.
    private static func tmux(_ arguments: [String]) async throws -> String {
        let output = try ProcessEnvironment.scratchFolder("tmux").appendingPathComponent("output").path
        let child = try ChildProcess.launch("/usr/bin/tmux", arguments, environment: ProcessInfo.processInfo.environment, logPath: output, lifetime: 30)
        let status = try await child.waitForExit()
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw ChildProcessError("tmux \(arguments.prefix(3).joined(separator: " ")) failed with \(status): \(text)")
        }
        return text
    }

    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
