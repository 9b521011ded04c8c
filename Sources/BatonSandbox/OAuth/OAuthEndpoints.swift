import Foundation

/// One request to an OAuth endpoint, stripped of transport details.
struct OAuthRequest: Sendable {
    /// Where it was sent.
    let host: OAuthHost
    /// The HTTP method, upper case.
    let method: String
    /// Path below the host's prefix, and query.
    let target: RequestTarget
    /// The full request path, which the consent form posts back to.
    let fullPath: String
    /// The body bytes.
    let body: Data
    /// The `Content-Type` header.
    let contentType: String?
    /// The `Accept` header.
    let accept: String?
    /// The `Authorization` header (HTTP Basic client credentials at Vercel's token endpoint).
    let authorization: String?
}

/// The OAuth endpoints, served under the state lock (providers.md §6.5):
///
/// - github.com `GET /login/oauth/authorize` and vercel.com `GET /oauth/authorize`: the consent page;
/// - the same paths with `POST` (the consent form): 302 to `redirect_uri` with `code` and `state`, or
///   `error=access_denied`;
/// - github.com `POST /login/oauth/access_token` and api.vercel.com `POST /login/oauth/token`: codes and refresh
///   tokens exchanged for tokens.
enum OAuthEndpoints {
    /// The answer to `request` at `now`.
    static func serve(_ request: OAuthRequest, state: inout SandboxState, now: Date) -> OAuthHTTPReply {
        let path = "/" + request.target.components.joined(separator: "/")
        switch (request.host, request.method, path) {
        case (.gitHubWeb, "GET", "/login/oauth/authorize"), (.vercelWeb, "GET", "/oauth/authorize"):
            return consentPage(request, state: &state)
        case (.gitHubWeb, "POST", "/login/oauth/authorize"), (.vercelWeb, "POST", "/oauth/authorize"):
            return consent(request, state: &state, now: now)
        case (.gitHubWeb, "POST", "/login/oauth/access_token"), (.vercelAPI, "POST", "/login/oauth/token"):
            return token(request, state: &state, now: now)
        case (.vercelAPI, _, _):
            let notFound = VercelErrorReply.notFound("The requested API endpoint was not found.")
            return .json(notFound.status, notFound.body ?? .null)
        default:
            let message = "Nothing is served at \(request.fullPath)."
            return .page(404, OAuthPage.problem(title: "Not Found", message: message))
        }
    }

    /// `GET …/authorize`: the consent page, or the authorization request's problem.
    private static func consentPage(_ request: OAuthRequest, state: inout SandboxState) -> OAuthHTTPReply {
        switch OAuthAuthorizationRequest.check(request.target.query, app: request.host.app) {
        case .failure(let problem):
            state.oauth.counters.refusals += 1
            return reply(problem)
        case .success(let authorization):
            return .page(200, OAuthConsentPage.render(authorization, action: request.fullPath))
        }
    }

    /// `POST …/authorize`: the user's choice on the consent page.
    private static func consent(_ request: OAuthRequest, state: inout SandboxState, now: Date) -> OAuthHTTPReply {
        let parameters = FormURLEncoded.parse(request.body)
        let authorization: OAuthAuthorizationRequest
        switch OAuthAuthorizationRequest.check(parameters, app: request.host.app) {
        case .failure(let problem):
            state.oauth.counters.refusals += 1
            return reply(problem)
        case .success(let checked):
            authorization = checked
        }
        if parameters[OAuthConsentPage.denyField] != nil {
            return .redirect(to: denial(authorization))
        }
        guard let name = parameters[OAuthConsentPage.userField], let caller = user(named: name, app: authorization.app)
        else {
            state.oauth.counters.refusals += 1
            return .page(
                400, OAuthPage.problem(title: "Unknown user", message: "Choose one of the sandbox users on the page."))
        }
        let code = state.oauth.issueCode(for: authorization, caller: caller, now: now)
        return .redirect(to: OAuthRedirect.code(authorization.redirectURI, code, state: authorization.state))
    }

    /// `POST /login/oauth/access_token` (GitHub) and `POST /login/oauth/token` (Vercel).
    private static func token(_ request: OAuthRequest, state: inout SandboxState, now: Date) -> OAuthHTTPReply {
        let app = request.host.app
        let read = OAuthTokenRequest.read(
            app: app, body: request.body, contentType: request.contentType, query: request.target.query,
            authorization: request.authorization)
        let result: Result<OAuthTokenPair, OAuthRefusal>
        switch read {
        case .success(let tokenRequest):
            result = OAuthTokenExchange.serve(tokenRequest, app: app, state: &state, now: now)
        case .failure(let refusal):
            state.oauth.counters.refusals += 1
            result = .failure(refusal)
        }
        let usedBasic = (try? read.get())?.basic != nil
        let acceptsJSON = request.accept?.lowercased().contains("json") ?? false
        return OAuthTokenReply.make(result, app: app, acceptsJSON: acceptsJSON, usedBasic: usedBasic)
    }

    private static func reply(_ problem: OAuthAuthorizationProblem) -> OAuthHTTPReply {
        switch problem {
        case .page(let status, let message):
            .page(status, OAuthPage.problem(title: "Cannot authorize", message: message))
        case .redirect(let location):
            .redirect(to: location)
        }
    }

    /// Where a denial goes: `error=access_denied`, worded as each provider words it.
    private static func denial(_ authorization: OAuthAuthorizationRequest) -> String {
        switch authorization.app.provider {
        case .github:
            OAuthRedirect.error(
                authorization.redirectURI, "access_denied", "The user has denied your application access.",
                uri: "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/"
                    + "#access-denied",
                state: authorization.state)
        case .vercel:
            OAuthRedirect.error(
                authorization.redirectURI, "access_denied", "The user denied the authorization request.",
                state: authorization.state)
        }
    }

    /// The sandbox user `name` of `app`'s provider.
    private static func user(named name: String, app: OAuthApp) -> SandboxCaller? {
        switch app.provider {
        case .github: SandboxGitHubUser.named(name).map(SandboxCaller.gitHubUser)
        case .vercel: SandboxVercelUser.named(name).map(SandboxCaller.vercelUser)
        }
    }
}
