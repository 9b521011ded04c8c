public import BatonCore
import Foundation

/// What went wrong talking to a provider, sorted by what an action should do about it.
public enum ProviderError: Error, Sendable, Equatable {
    /// The provider rejected the token; retrying with the same token cannot help.
    case badCredentials(provider: Provider, message: String)
    /// Rate limited, a 5xx, a timeout or a dropped connection: it may pass, so the action retries under its
    /// ``ActionRetryPolicy``, after the wait the provider asked for (`hint`) or a backoff.
    case transient(provider: Provider, code: TransientCode, message: String, hint: RetryHint)
    /// The token is valid but may not do this (GitHub's 403 "Resource not accessible by …"): the permissions GitHub
    /// names in `X-Accepted-GitHub-Permissions` (fine-grained and App tokens; `permission=level` pairs, alternatives
    /// separated by `;`) or the scopes in `X-Accepted-OAuth-Scopes` (classic tokens). Retrying cannot help.
    case permissionDenied(provider: Provider, message: String, acceptedPermissions: String?, acceptedScopes: String?)
    /// Any other answer the caller did not expect, with the provider's status, error code and message.
    case unexpected(provider: Provider, status: Int, code: String?, message: String)

    /// Which provider.
    public enum Provider: String, Sendable {
        case github = "GitHub"
        case vercel = "Vercel"

        /// How failures name the token a step used: the user's own, or the server's environment variable.
        func tokenName(ownAccount: Bool) -> String {
            ownAccount ? "your \(rawValue) token" : tokenVariable
        }

        /// The provider's name in metric labels and span attributes: `github`, `vercel`.
        public var label: String {
            switch self {
            case .github: "github"
            case .vercel: "vercel"
            }
        }

        /// The environment variable that holds the provider's token.
        public var tokenVariable: String {
            switch self {
            case .github: "GITHUB_TOKEN"
            case .vercel: "VERCEL_TOKEN"
            }
        }

        /// The provider's status page.
        public var statusPage: String {
            switch self {
            case .github: "https://www.githubstatus.com"
            case .vercel: "https://www.vercel-status.com"
            }
        }
    }

    /// The kinds of trouble that may pass, each a stable error code.
    public enum TransientCode: String, Sendable {
        /// The token's request quota is used up (429, or 403 with `x-ratelimit-remaining: 0`).
        case rateLimited = "rate_limited"
        /// GitHub's secondary (abuse) limit: too many requests, or too much content created, too fast (403 or 429 with
        /// the secondary-limit message; docs.github.com, "Rate limits for the REST API").
        case secondaryRateLimit = "secondary_rate_limit"
        /// The provider answered 5xx.
        case unavailable = "provider_unavailable"
        /// The connection failed or timed out.
        case connectionFailed = "connection_failed"
        /// The user's own token was refused, most likely because another request just renewed it (providers revoke
        /// the old access token on renewal; providers.md §6.5): the next try uses the renewed one.
        case tokenRenewed = "token_refused"
    }
}

extension ProviderError {
    /// The failure this error becomes when the action gives up on it (or, for permanent errors, at once), for a step
    /// with the server's token.
    var failure: ActionFailure { failure(ownAccount: false) }

    /// The failure this error becomes for a step with the user's own token (`ownAccount`) or the server's: the user's
    /// is never called the server's `GITHUB_TOKEN`, and the fix tells the user, not the operator, what to do.
    func failure(ownAccount: Bool) -> ActionFailure {
        switch self {
        case .badCredentials(let provider, let message):
            return ActionFailure(
                code: "bad_credentials",
                message: "\(provider.rawValue) rejected \(provider.tokenName(ownAccount: ownAccount)): \(message)",
                retryable: false,
                fix: ownAccount
                    ? "Connect your \(provider.rawValue) account again (or give a new token), then trigger the action again."
                    : "Give the server a valid \(provider.tokenVariable) (see the README's \"Against the real GitHub and Vercel\"), then trigger the action again."
            )
        case .transient(let provider, let code, let message, _):
            return ActionFailure(code: code.rawValue, message: "\(provider.rawValue): \(message)", retryable: true, fix: code.fix(provider))
        case .permissionDenied(let provider, let message, _, _):
            return ActionFailure(
                code: "permission_denied",
                message: "\(provider.rawValue) refused \(provider.tokenName(ownAccount: ownAccount)): \(message)\(neededPermissions.map { " (it needs \($0))" } ?? "")",
                retryable: false,
                fix: "Give \(provider.tokenName(ownAccount: ownAccount)) \(neededPermissions ?? "the permission this needs"), then trigger the action again."
            )
        case .unexpected(let provider, let status, let code, let message):
            return ActionFailure(
                code: code ?? "provider_error",
                message: "\(provider.rawValue) answered \(status): \(message)",
                retryable: [408, 409, 425].contains(status),
                fix: "Read \(provider.rawValue)'s message above; once what it names is fixed, trigger the action again."
            )
        }
    }
}

extension ProviderError {
    /// What a permission refusal says the token needs, for people: `administration=write, contents=read (a fine-grained
    /// token's repository permissions)` or `the repo scope (a classic token)`.
    var neededPermissions: String? {
        guard case .permissionDenied(_, _, let permissions, let scopes) = self else { return nil }
        if let permissions = permissions?.trimmingCharacters(in: .whitespaces), !permissions.isEmpty {
            let sets = permissions.split(separator: ";").map {
                $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
            }
            return sets.joined(separator: " or ") + " (repository permissions of a fine-grained token or GitHub App)"
        }
        if let scopes = scopes?.trimmingCharacters(in: .whitespaces), !scopes.isEmpty {
            return "the scope \(scopes) (a classic token)"
        }
        return nil
    }
}

extension ProviderError.TransientCode {
    /// What to do when the action gave up on this trouble.
    func fix(_ provider: ProviderError.Provider) -> String {
        switch self {
        case .rateLimited:
            "\(provider.rawValue)'s request quota for the token is used up; trigger the action again once it resets."
        case .secondaryRateLimit:
            "GitHub limits how fast one account creates content (about 80 requests a minute and 500 an hour); wait a few minutes, then trigger the action again."
        case .unavailable:
            "\(provider.rawValue) is having trouble (\(provider.statusPage)); trigger the action again once it recovers."
        case .connectionFailed:
            "Check that the server can reach \(provider.rawValue)'s API, then trigger the action again."
        case .tokenRenewed:
            "Trigger the action again; if \(provider.rawValue) keeps refusing your token, connect your account again (or give a new token)."
        }
    }
}
