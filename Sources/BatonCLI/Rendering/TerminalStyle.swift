import BatonCore
import Foundation

/// Colours and icons for the progress view; without colours, the same text with no escape codes.
struct TerminalStyle: Sendable {
    /// Whether to emit ANSI colour codes.
    let colors: Bool

    /// The frames of the running spinner.
    static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    /// Green.
    func green(_ text: String) -> String { paint(text, "32") }
    /// Amber.
    func amber(_ text: String) -> String { paint(text, "38;5;214") }
    /// Gray.
    func gray(_ text: String) -> String { paint(text, "90") }
    /// Red.
    func red(_ text: String) -> String { paint(text, "31") }
    /// Bold.
    func bold(_ text: String) -> String { paint(text, "1") }

    /// The icon of `state`: a green ✔, an amber spinner frame (`tick` picks it; `nil` gives a static ▸), a gray ·,
    /// a red ✖, or a gray ⊘ for canceled.
    func icon(_ state: ActionState, tick: Int?) -> String {
        switch state {
        case .succeeded: green("✔")
        case .running: amber(tick.map { Self.spinner[$0 % Self.spinner.count] } ?? "▸")
        case .pending: gray("·")
        case .failed: red("✖")
        case .canceled: gray("⊘")
        }
    }

    private func paint(_ text: String, _ code: String) -> String {
        colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
