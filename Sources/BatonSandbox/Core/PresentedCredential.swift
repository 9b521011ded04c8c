import Foundation

/// What the `Authorization` header of a provider request amounts to.
enum PresentedCredential: Sendable, Equatable {
    /// No `Authorization` header.
    case missing
    /// A token the sandbox accepts.
    case accepted
    /// A header that is present but names no acceptable token.
    case rejected

    /// Reads `header` (`Bearer <token>`, or GitHub's `token <token>`), applying the sandbox's token rule.
    init(header: String?, rejectAllTokens: Bool) {
        guard let header else {
            self = .missing
            return
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, ["bearer", "token"].contains(parts[0].lowercased()) else {
            self = .rejected
            return
        }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        self = !rejectAllTokens && Self.isAcceptable(token: token) ? .accepted : .rejected
    }

    /// The sandbox's token rule: any non-empty token except `invalid` and those starting with `bad-`.
    static func isAcceptable(token: String) -> Bool {
        !token.isEmpty && token != "invalid" && !token.hasPrefix("bad-")
    }
}
