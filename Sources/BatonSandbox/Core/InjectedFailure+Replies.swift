import Foundation

extension InjectedFailure {
    /// The failure as `provider` answers it, with `Retry-After` and rate-limit headers on a 429.
    func reply(for provider: ProviderKind, now: Date) -> ProviderReply {
        let resetSeconds = Int(now.timeIntervalSince1970.rounded(.up)) + 1
        var reply: ProviderReply
        switch (provider, self) {
        case (.github, .rateLimited):
            reply = GitHubErrorReply.make(
                429,
                "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                documentation: GitHubErrorReply.Documentation.rateLimits)
            reply.headers = [
                "retry-after": "1", "x-ratelimit-limit": String(GitHubRateLimitWindow.authenticatedLimit),
                "x-ratelimit-remaining": "0", "x-ratelimit-used": String(GitHubRateLimitWindow.authenticatedLimit),
                "x-ratelimit-reset": String(resetSeconds), "x-ratelimit-resource": "core",
            ]
        case (.github, .badGateway):
            reply = GitHubErrorReply.make(502, "Server Error", documentation: GitHubErrorReply.Documentation.general)
        case (.github, .serviceUnavailable):
            reply = GitHubErrorReply.make(
                503, "Service Unavailable", documentation: GitHubErrorReply.Documentation.general)
        case (.vercel, .rateLimited):
            let limit: JSONValue = [
                "remaining": 0, "reset": .int(resetSeconds), "resetMs": .int(resetSeconds * 1000), "total": 100,
            ]
            reply = VercelErrorReply.make(
                429, code: "rate_limited", message: "Rate limit exceeded. Try again in 1 second.",
                extra: ["limit": limit])
            reply.headers = [
                "retry-after": "1", "x-ratelimit-limit": "100", "x-ratelimit-remaining": "0",
                "x-ratelimit-reset": String(resetSeconds),
            ]
        case (.vercel, _):
            reply = VercelErrorReply.make(
                status, code: "internal_server_error", message: "An unexpected internal error occurred.")
        }
        reply.isInjectedFailure = true
        return reply
    }
}
