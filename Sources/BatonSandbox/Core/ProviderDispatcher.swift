import Foundation

/// One provider request as received, before routing and authorization.
struct ProviderRequest: Sendable {
    /// The provider addressed.
    let provider: ProviderKind
    /// The HTTP method, upper case.
    let method: String
    /// Path and query below the provider prefix.
    let target: RequestTarget
    /// The body.
    let body: ProviderRequestBody
    /// The `Authorization` header.
    let authorization: String?
    /// The `X-GitHub-Api-Version` header.
    let gitHubAPIVersion: String?
}

/// Serves provider requests under the state lock: counts, injects failures, authorizes, routes, adds headers.
enum ProviderDispatcher {
    /// The answer to `request` at `now`, and the key it was counted under.
    static func serve(_ request: ProviderRequest, state: inout SandboxState, now: Date) -> (ProviderReply, String) {
        let routes = request.provider == .github ? GitHubRoutes.all : VercelRoutes.all
        var match: (route: ProviderRoute, parameters: [String: String])?
        for route in routes where route.method == request.method {
            if let parameters = route.match(request.target.components) {
                match = (route, parameters)
                break
            }
        }
        let callKey = match?.route.callKey ?? "\(request.method) \(request.target.path)"
        state.count(callKey)

        let credential = PresentedCredential(
            header: request.authorization, rejectAllTokens: state.faults.rejectTokens, provider: request.provider,
            issued: state.oauth, now: now)
        var reply: ProviderReply
        if let failure = state.failures.nextFailure(rate: state.configuration.failureRate) {
            reply = failure.reply(for: request.provider, now: now)
        } else if request.provider == .github {
            reply = serveGitHub(request, match: match, credential: credential, state: &state, now: now)
        } else {
            reply = serveVercel(request, match: match, credential: credential, state: &state, now: now)
        }
        decorate(&reply, for: request, authenticated: credential.caller != nil, state: &state, now: now)
        return (reply, callKey)
    }

    private static func serveGitHub(
        _ request: ProviderRequest, match: (route: ProviderRoute, parameters: [String: String])?,
        credential: PresentedCredential, state: inout SandboxState, now: Date
    ) -> ProviderReply {
        if let version = request.gitHubAPIVersion, !GitHubAPIVersion.supported.contains(version) {
            return GitHubErrorReply.unsupportedVersion(version)
        }
        if credential == .rejected || (credential == .missing && state.faults.rejectTokens) {
            return GitHubErrorReply.badCredentials
        }
        guard let match else { return GitHubErrorReply.notFound(GitHubErrorReply.Documentation.general) }
        if credential == .missing, match.route.requiresAuthentication {
            return GitHubErrorReply.requiresAuthentication
        }
        return match.route.serve(&state, call(request, match.parameters, credential, now))
    }

    private static func serveVercel(
        _ request: ProviderRequest, match: (route: ProviderRoute, parameters: [String: String])?,
        credential: PresentedCredential, state: inout SandboxState, now: Date
    ) -> ProviderReply {
        switch credential {
        case .missing where !state.faults.rejectTokens: return VercelErrorReply.missingToken
        case .missing, .rejected: return VercelErrorReply.invalidToken
        case .accepted(let caller):
            guard caller.mayActInTeam(of: request.target.query) else { return VercelErrorReply.notAuthorized }
        }
        guard let match else { return VercelErrorReply.notFound("The requested API endpoint was not found.") }
        return match.route.serve(&state, call(request, match.parameters, credential, now))
    }

    private static func call(
        _ request: ProviderRequest, _ parameters: [String: String], _ credential: PresentedCredential, _ now: Date
    ) -> ProviderCall {
        ProviderCall(
            provider: request.provider, method: request.method, path: request.target.path, parameters: parameters,
            query: request.target.query, body: request.body, caller: credential.caller,
            gitHubAPIVersion: request.gitHubAPIVersion, now: now)
    }

    /// Adds the headers every response of the provider carries.
    private static func decorate(
        _ reply: inout ProviderReply, for request: ProviderRequest, authenticated: Bool, state: inout SandboxState,
        now: Date
    ) {
        let requestNumber = state.calls.values.reduce(0, +)
        let serial = String(requestNumber, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: max(0, 8 - serial.count)) + serial
        switch request.provider {
        case .github:
            let rateLimit = state.gitHubRateLimit.record(at: now, authenticated: authenticated)
            reply.headers.merge(rateLimit) { injected, _ in injected }
            reply.headers["x-github-request-id"] = "5B0C:1D2E:\(padded):\(padded):6A1B2C3D"
            reply.headers["x-github-media-type"] = "github.v3; format=json"
            let version = request.gitHubAPIVersion ?? GitHubAPIVersion.defaultVersion
            if GitHubAPIVersion.supported.contains(version) {
                reply.headers["x-github-api-version-selected"] = version
            }
        case .vercel:
            reply.headers["x-vercel-id"] = "iad1::sbx-\(padded)"
            reply.headers["cache-control"] = "private, no-cache"
        }
    }
}
