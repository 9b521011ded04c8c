import Foundation

/// What the `Authorization` header of a provider request amounts to.
enum PresentedCredential: Sendable, Equatable {
    /// No `Authorization` header.
    case missing
    /// A token the sandbox accepts, and who it acts as.
    case accepted(SandboxCaller)
    /// A header that is present but names no acceptable token.
    case rejected

    /// Reads `header` (`Bearer <token>`, or GitHub's `token <token>`) sent to `provider` at `now`: a live access
    /// token the sandbox issued through that provider's OAuth app is its user; an expired, rotated or unknown one
    /// (anything shaped like the apps' tokens) is rejected; any other token follows the sandbox's token rule and is
    /// the operator. The `rejectTokens` fault (`rejectAllTokens`) rejects every token.
    init(header: String?, rejectAllTokens: Bool, provider: ProviderKind, issued: OAuthWorld, now: Date) {
        guard let header else {
            self = .missing
            return
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard !rejectAllTokens, parts.count == 2, ["bearer", "token"].contains(parts[0].lowercased()) else {
            self = .rejected
            return
        }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        if let caller = issued.caller(ofAccessToken: token, provider: provider, now: now) {
            self = .accepted(caller)
        } else {
            self = Self.isAcceptable(token: token) ? .accepted(.operator) : .rejected
        }
    }

    /// Who the token acts as, when it was accepted.
    var caller: SandboxCaller? {
        if case .accepted(let caller) = self { return caller }
        return nil
    }

    /// The sandbox's rule for the operator's tokens: any non-empty token except `invalid`, those starting with
    /// `bad-`, and those shaped like the tokens of the sandbox's OAuth apps (`ghu_`, `ghr_`, `vca_`, `vcr_`), which
    /// are accepted only while issued and live.
    static func isAcceptable(token: String) -> Bool {
        !token.isEmpty && token != "invalid" && !token.hasPrefix("bad-")
            && !OAuthApp.tokenPrefixes.contains(where: token.hasPrefix)
    }
}
