import Foundation

/// The parameters of an authorization request (`GET …/authorize`, and again on the consent form's `POST`), checked
/// as the providers check them (providers.md §6.5).
struct OAuthAuthorizationRequest: Sendable {
    /// The parameters the consent form carries back unchanged, in this order when present.
    static let carriedNames = [
        "client_id", "redirect_uri", "response_type", "scope", "state", "nonce", "code_challenge",
        "code_challenge_method", "login", "allow_signup", "prompt",
    ]

    /// The app named by `client_id`.
    let app: OAuthApp
    /// Where the browser goes back to, with the code or the error.
    let redirectURI: String
    /// The client's `state`, returned unchanged.
    let state: String?
    /// The S256 `code_challenge`; nil only for GitHub, which allows none.
    let challenge: String?
    /// The granted scope: for Vercel the known scopes asked for (all the app's when `scope` is omitted; unknown
    /// ones are dropped), for GitHub empty (GitHub App tokens have no scopes).
    let scope: String
    /// The parameters as received, for the consent form's hidden fields.
    let carried: [(String, String)]

    /// Checks `parameters` sent to `app`'s authorization endpoint. An unknown client or an unusable `redirect_uri`
    /// is shown on a page, never redirected (RFC 6749 §4.1.2.1); any other problem goes back to the redirect URI
    /// as `error=invalid_request` (RFC 7636 §4.4.1 for a missing or `plain` challenge) or
    /// `unsupported_response_type`.
    static func check(_ parameters: [String: String], app: OAuthApp) -> Result<Self, OAuthAuthorizationProblem> {
        guard let clientID = parameters["client_id"], !clientID.isEmpty else {
            return .failure(.page(400, "The request has no client_id."))
        }
        guard clientID == app.clientID else {
            return .failure(.page(400, "No application is registered with client_id \(clientID)."))
        }
        guard let redirectURI = parameters["redirect_uri"], isUsableRedirect(redirectURI) else {
            return .failure(
                .page(400, "The redirect_uri must be an absolute http or https URL without a fragment."))
        }
        let state = parameters["state"]
        func refuse(_ error: String, _ description: String) -> Result<Self, OAuthAuthorizationProblem> {
            .failure(.redirect(OAuthRedirect.error(redirectURI, error, description, state: state)))
        }
        if app.provider == .vercel {
            switch parameters["response_type"] {
            case nil, "": return refuse("invalid_request", "response_type is required.")
            case "code": break
            default: return refuse("unsupported_response_type", "Only response_type=code is supported.")
            }
        }
        let challenge = parameters["code_challenge"].flatMap { $0.isEmpty ? nil : $0 }
        let method = parameters["code_challenge_method"].flatMap { $0.isEmpty ? nil : $0 }
        switch (challenge, method) {
        case (nil, nil) where app.requiresChallenge:
            return refuse("invalid_request", "code_challenge is required (PKCE with code_challenge_method=S256).")
        case (nil, nil):
            break
        case (nil, _?):
            return refuse("invalid_request", "code_challenge_method was sent without a code_challenge.")
        case (_?, let method) where method != PKCE.method:
            return refuse("invalid_request", "code_challenge_method must be S256; plain is not supported.")
        case (let challenge?, _):
            guard PKCE.isWellFormed(challenge: challenge) else {
                return refuse("invalid_request", "code_challenge must be 43 base64url characters (an S256 digest).")
            }
        }
        let carried = carriedNames.compactMap { name in parameters[name].map { (name, $0) } }
        return .success(
            OAuthAuthorizationRequest(
                app: app, redirectURI: redirectURI, state: state, challenge: challenge,
                scope: grantedScope(parameters["scope"], app: app), carried: carried))
    }

    private static func grantedScope(_ requested: String?, app: OAuthApp) -> String {
        guard app.provider == .vercel else { return "" }
        guard let requested else { return OAuthApp.vercelScopes.joined(separator: " ") }
        var granted: [String] = []
        for scope in requested.split(separator: " ").map(String.init)
        where OAuthApp.vercelScopes.contains(scope) && !granted.contains(scope) {
            granted.append(scope)
        }
        return granted.joined(separator: " ")
    }

    private static func isUsableRedirect(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            ["http", "https"].contains(scheme), components.host?.isEmpty == false, components.fragment == nil
        else { return false }
        return true
    }
}

/// Why an authorization request is refused.
enum OAuthAuthorizationProblem: Error, Sendable {
    /// Shown to the user on a page with this status: the client or the redirect URI cannot be trusted.
    case page(Int, String)
    /// Sent back to the client: a redirect to this location (`…?error=…&error_description=…&state=…`).
    case redirect(String)
}
