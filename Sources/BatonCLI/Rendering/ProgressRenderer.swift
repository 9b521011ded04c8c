import BatonClient
import BatonCore
import Foundation

/// Shows a deployment's progress and outcome on the terminal, as a live view, plain lines or JSON events.
protocol ProgressRenderer: Sendable {
    /// Shows a new snapshot.
    func show(_ snapshot: DeploymentSnapshot) async
    /// Shows the end: every action finished (or failed), with the run's figures.
    func finish(_ snapshot: DeploymentSnapshot, figures: RunFigures) async
    /// Shows that driving stopped on Ctrl-C, and how to resume.
    func interrupted(_ snapshot: DeploymentSnapshot, resumeCommand: String) async
    /// Shows why the command stopped.
    func failed(_ failure: CLIFailure) async
    /// Shows what the command waits for before there is a workflow to show (`init` waiting out a 429 or an outage).
    func starting(_ notice: String) async
    /// Animates the view (a spinner) until the calling task is cancelled; returns at once for still views.
    func animate() async
}

extension ProgressRenderer {
    /// Still views have nothing to animate.
    func animate() async {}
}

/// Figures of one run of the client, for the end of the output and the measurements.
struct RunFigures: Sendable {
    /// Requests sent to the server, retries included.
    var requests: Int
    /// Actions in the plan.
    var actions: Int
    /// Wall time of the run.
    var elapsed: Duration
}

/// Writes to standard output and standard error, unbuffered.
struct TerminalOutput: Sendable {
    /// Writes `text` to standard output.
    func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes `lines` to standard output, each with a line break.
    func writeLines(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        write(lines.joined(separator: "\n") + "\n")
    }

    /// Writes `line` to standard error.
    func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

extension CLIFailure {
    /// The lines explaining the failure, naming the command-line flag behind each field the server rejected.
    var explanation: [String] {
        switch self {
        case .usage(let message): return ["error: \(message)"]
        case .unreachable(let message): return ["error: the Baton server is unreachable: \(message)"]
        case .rejected(let error):
            return ["error: \(error.message)"] + error.details.map { "  \(Self.flag(for: $0.path)): \($0.message)" }
        }
    }

    /// `--owner` for `config.github.owner`, `--env app-a:KEY` for `envVars.app-a.KEY`, and so on.
    static func flag(for path: String) -> String {
        switch path {
        case "config.github.owner": return "--owner"
        case "config.vercel.teamId": return "--team"
        case "config.domain": return "--domain"
        default:
            if path.hasPrefix("config.apps") { return "--apps" }
            if path.hasPrefix("envVars.") {
                let parts = path.dropFirst("envVars.".count).split(separator: ".", maxSplits: 1)
                return parts.count == 2 ? "--env \(parts[0]):\(parts[1])" : "--env \(parts.first ?? "")"
            }
            return path
        }
    }
}
