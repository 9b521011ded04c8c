import BatonClient
import BatonCore
import Foundation

/// The progress view as lines of text: one line per app; running apps expanded with their actions; finished apps
/// collapsed to one line (with their URL, or the failed action, its message and what to do). A running action shows
/// how long its attempt has run, from the server's `startedAt`.
struct ProgressFrame {
    /// The snapshot to draw.
    let snapshot: DeploymentSnapshot
    /// Colours and icons.
    let style: TerminalStyle
    /// The spinner's frame, `nil` for a still picture.
    let tick: Int?
    /// The time the running actions' elapsed time is counted to.
    var now = Date()

    /// The lines, without line breaks.
    var lines: [String] {
        var lines: [String] = []
        let nameWidth = snapshot.apps.map(\.name.count).max() ?? 0
        for app in snapshot.apps {
            let name = app.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            switch app.state {
            case .succeeded:
                lines.append("\(style.icon(.succeeded, tick: tick)) \(name)  \(style.gray(app.deploymentURL ?? "done"))")
            case .pending:
                lines.append("\(style.icon(.pending, tick: tick)) \(style.gray(name))")
            case .canceled:
                lines.append("\(style.icon(.canceled, tick: tick)) \(name)  \(style.gray("canceled"))")
            case .failed:
                let failed = app.actions.first { $0.state == .failed }
                let reason = failed.map { "\($0.title): \($0.error?.message ?? $0.message)" } ?? "failed"
                lines.append("\(style.icon(.failed, tick: tick)) \(name)  \(style.red(reason))")
                if let fix = failed?.error?.fix {
                    lines.append("    \(style.amber("→ \(fix)"))")
                }
            case .running:
                lines.append("\(style.icon(.running, tick: tick)) \(style.bold(name))")
                lines += app.actions.map { "    " + actionLine($0) }
            }
        }
        if let notice = snapshot.notice { lines.append(style.amber("! \(notice)")) }
        return lines
    }

    private func actionLine(_ action: ActionSnapshot) -> String {
        let icon = style.icon(action.state, tick: tick)
        switch action.state {
        case .running:
            let elapsed = action.elapsed(at: now).map { "\(Self.clock($0))  " } ?? ""
            return "\(icon) \(action.title)  \(elapsed)\(style.gray(action.message))"
        case .failed: return "\(icon) \(action.title)  \(style.red(action.error?.message ?? action.message))"
        case .pending, .canceled: return "\(icon) \(style.gray(action.title))"
        case .succeeded: return "\(icon) \(action.title)"
        }
    }

    /// An elapsed time as a stopwatch shows it: `7 s`, `1:05`, `1:02:03`.
    static func clock(_ duration: Duration) -> String {
        let seconds = Int(duration.seconds)
        if seconds < 60 { return "\(seconds) s" }
        let (hours, minutes, rest) = (seconds / 3600, (seconds % 3600) / 60, seconds % 60)
        let mmss = String(format: "%d:%02d", minutes, rest)
        return hours > 0 ? "\(hours):" + String(format: "%02d:%02d", minutes, rest) : mmss
    }
}
