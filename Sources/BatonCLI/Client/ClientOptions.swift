import ArgumentParser
import BatonClient
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Options every client command shares: the server and the output format.
struct ClientOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The Baton server (default: BATON_SERVER, else http://127.0.0.1:8080).", valueName: "url"))
    var server: String?

    @Flag(help: "Print one JSON object per line instead of the progress view.")
    var json = false

    @Option(help: "Attempts per request, with backoff, before the server counts as unreachable.")
    var attempts = 8

    @Option(help: ArgumentHelp(
        "The environment variable holding your credential, which init and baton list send: an API key (--auth api-key) or a token your login minted (--auth jwt); never a flag, since flags show in process lists.",
        valueName: "name"))
    var apiKeyEnv = "BATON_API_KEY"

    /// The API key from ``apiKeyEnv``, when it is set and not empty.
    var apiKey: String? {
        ProcessInfo.processInfo.environment[apiKeyEnv].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// How requests are retried.
    var retryPolicy: RetryPolicy { RetryPolicy(maxAttempts: attempts) }

    func validate() throws {
        guard (1...1_000).contains(attempts) else { throw ValidationError("--attempts must be from 1 to 1000.") }
    }

    /// The default server when none is given.
    static let defaultServer = "http://127.0.0.1:8080"

    /// The server to use: `--server`, else `fallback` (a token file's server), else `BATON_SERVER`, else the default.
    func serverURL(fallback: String? = nil) throws(CLIFailure) -> URL {
        let text = server ?? fallback ?? ProcessInfo.processInfo.environment["BATON_SERVER"] ?? Self.defaultServer
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw .usage("--server \(text): expected an http:// or https:// URL")
        }
        return url
    }

    /// The renderer for this output: JSON lines, the live view on a terminal, else plain lines.
    func renderer() -> any ProgressRenderer {
        if json { return JSONEventLog() }
        guard isatty(STDOUT_FILENO) == 1 else { return PlainProgressLog() }
        var size = winsize()
        let known = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 && size.ws_row > 0
        return LiveTerminalView(columns: known ? Int(size.ws_col) : 80, rows: known ? Int(size.ws_row) : 24)
    }
}
