import BatonClient
import BatonCore
import Foundation

/// Progress as plain lines, for logs and pipes: no escape codes, one line per change of an action.
actor PlainProgressLog: ProgressRenderer {
    private let output = TerminalOutput()
    private let style = TerminalStyle(colors: false)
    private var previous: DeploymentSnapshot?
    private var lastNotice: String?

    func show(_ snapshot: DeploymentSnapshot) {
        if previous == nil {
            output.writeLines(PlanDescription(snapshot: snapshot).lines + [""])
        }
        for change in snapshot.actionChanges(since: previous) {
            let action = change.action
            let detail = action.state == .failed ? (action.error?.message ?? action.message) : action.message
            output.writeLines(["\(change.appName) / \(action.title): \(action.state.rawValue)\(detail.isEmpty ? "" : " — \(detail)")"])
            if action.state == .failed, let fix = action.error?.fix {
                output.writeLines(["  fix: \(fix)"])
            }
        }
        if let notice = snapshot.notice, notice != lastNotice { output.writeLines(["! \(notice)"]) }
        lastNotice = snapshot.notice
        previous = snapshot
    }

    func finish(_ snapshot: DeploymentSnapshot, figures: RunFigures) {
        show(snapshot)
        output.writeLines([""] + ProgressFrame(snapshot: snapshot, style: style, tick: nil).lines)
        let summary = DeploymentSummary(snapshot: snapshot, style: style).lines
        output.writeLines(summary.isEmpty ? [] : [""] + summary)
        output.writeLines(["", "Workflow \(snapshot.workflowID) \(snapshot.state.rawValue) (\(figures.requests) requests for \(figures.actions) actions)."])
    }

    func interrupted(_ snapshot: DeploymentSnapshot, resumeCommand: String) {
        output.writeLines(["Stopped. The workflow keeps its progress; continue with: \(resumeCommand)"])
    }

    func starting(_ notice: String) {
        output.error(notice)
    }

    func failed(_ failure: CLIFailure) {
        for line in failure.explanation { output.error(line) }
    }
}
