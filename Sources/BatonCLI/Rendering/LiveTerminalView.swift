import BatonClient
import BatonCore
import Foundation

/// The live view for a terminal: redraws the progress frame in place on every change and every spinner tick, then
/// leaves the final frame and the summary on screen.
actor LiveTerminalView: ProgressRenderer {
    private let output = TerminalOutput()
    private let style = TerminalStyle(colors: true)
    private let columns: Int
    private let rows: Int
    private var snapshot: DeploymentSnapshot?
    private var drawnLines = 0
    private var tick = 0
    private var animating = true

    /// A view for a terminal `columns` wide and `rows` high: longer lines are cut so each takes one row, and a
    /// frame taller than the screen is cut short, so redrawing in place always works.
    init(columns: Int, rows: Int) {
        self.columns = max(20, columns)
        self.rows = max(5, rows)
    }

    func show(_ snapshot: DeploymentSnapshot) {
        if self.snapshot == nil {
            output.writeLines(PlanDescription(snapshot: snapshot).lines.map(clipped) + [""])
            output.write("\u{1B}[?25l")
        }
        self.snapshot = snapshot
        redraw(animated: true)
    }

    func finish(_ snapshot: DeploymentSnapshot, figures: RunFigures) {
        stop(at: snapshot)
        let summary = DeploymentSummary(snapshot: snapshot, style: style).lines
        output.writeLines(summary.isEmpty ? [] : [""] + summary)
        let failed = snapshot.apps.filter { $0.state == .failed }.map(\.name)
        if !failed.isEmpty {
            output.writeLines(["", style.red("Failed: \(failed.joined(separator: ", ")).") + " Retry with: baton resume \(snapshot.workflowID)"])
        }
    }

    func interrupted(_ snapshot: DeploymentSnapshot, resumeCommand: String) {
        stop(at: snapshot)
        output.writeLines(["", "Stopped. The workflow keeps its progress; continue with:", "  \(resumeCommand)"])
    }

    func starting(_ notice: String) {
        output.error(notice)
    }

    func failed(_ failure: CLIFailure) {
        if let snapshot { stop(at: snapshot) }
        for line in failure.explanation { output.error(line) }
    }

    /// Turns the spinner every 100 ms until the task is cancelled or the view stops.
    func animate() async {
        while animating, (try? await Task.sleep(for: .milliseconds(100))) != nil {
            guard animating, snapshot != nil else { continue }
            tick += 1
            redraw(animated: true)
        }
    }

    private func stop(at snapshot: DeploymentSnapshot) {
        animating = false
        self.snapshot = snapshot
        redraw(animated: false)
        drawnLines = 0
        output.write("\u{1B}[?25h")
    }

    private func redraw(animated: Bool) {
        guard let snapshot else { return }
        var lines = ProgressFrame(snapshot: snapshot, style: style, tick: animated ? tick : nil).lines.map(clipped)
        if lines.count > rows - 1 {
            let hidden = lines.count - (rows - 2)
            lines = Array(lines.prefix(rows - 2)) + [style.gray("… \(hidden) more lines")]
        }
        var text = drawnLines > 0 ? "\u{1B}[\(drawnLines)F\u{1B}[J" : ""
        text += lines.joined(separator: "\n") + "\n"
        output.write(text)
        drawnLines = lines.count
    }

    /// Cuts a line to the terminal's width, counting visible characters only (escape codes take no room).
    private func clipped(_ line: String) -> String {
        var visible = 0
        var result = ""
        var inEscape = false
        for character in line {
            if character == "\u{1B}" { inEscape = true }
            if inEscape {
                result.append(character)
                if character.isLetter { inEscape = false }
                continue
            }
            guard visible < columns - 1 else { continue }
            result.append(character)
            visible += 1
        }
        return result
    }
}
