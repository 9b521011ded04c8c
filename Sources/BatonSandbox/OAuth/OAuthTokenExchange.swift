import Foundation

/// The token endpoints' logic, under the state lock: authenticate the client, then redeem a code (authorization
/// code grant with PKCE) or a refresh token (rotation). Every refusal is counted.
enum OAuthTokenExchange {
    /// Serves `request` sent to `app`'s token endpoint at `now`.
    static func serve(
        _ request: OAuthTokenRequest, app: OAuthApp, state: inout SandboxState, now: Date
    ) -> Result<OAuthTokenPair, OAuthRefusal> {
        let result: Result<OAuthTokenPair, OAuthRefusal>
        do {
            try authenticateClient(request, app: app)
            result = .success(try grant(request, app: app, state: &state, now: now))
        } catch {
            result = .failure(error)
        }
        if case .failure = result { state.oauth.counters.refusals += 1 }
        return result
    }

    /// Checks the client id and secret: in the body (`client_secret_post`), or for Vercel in an HTTP Basic header
    /// (`client_secret_basic`) — one method, not both.
    private static func authenticateClient(_ request: OAuthTokenRequest, app: OAuthApp) throws(OAuthRefusal) {
        let refused = OAuthRefusal(
            .client,
            app.provider == .github
                ? "The client_id and/or client_secret passed are incorrect." : "Client authentication failed.")
        if app.acceptsBasicAuthentication, let basic = request.basic {
            guard request.parameter("client_secret") == nil else {
                throw OAuthRefusal(
                    .request, "Send the client secret in the Authorization header or the body, not both.")
            }
            if let clientID = request.parameter("client_id"), clientID != basic.clientID {
                throw OAuthRefusal(.request, "client_id does not match the Authorization header.")
            }
            guard basic.clientID == app.clientID, basic.clientSecret == app.clientSecret else { throw refused }
            return
        }
        guard request.parameter("client_id") == app.clientID, request.parameter("client_secret") == app.clientSecret
        else { throw refused }
    }

    private static func grant(
        _ request: OAuthTokenRequest, app: OAuthApp, state: inout SandboxState, now: Date
    ) throws(OAuthRefusal) -> OAuthTokenPair {
        // GitHub's code exchange has no grant_type (providers.md §6.5); Vercel's requires one.
        let grantType = request.parameter("grant_type") ?? (app.provider == .github ? "authorization_code" : nil)
        switch grantType {
        case nil:
            throw OAuthRefusal(.request, "grant_type is required.")
        case "authorization_code":
            return try redeemCode(request, app: app, state: &state, now: now)
        case "refresh_token":
            return try refresh(request, app: app, state: &state, now: now)
        case let other?:
            throw OAuthRefusal(
                .grantType, "The grant type \(other) is not supported; use authorization_code or refresh_token.")
        }
    }

    private static func redeemCode(
        _ request: OAuthTokenRequest, app: OAuthApp, state: inout SandboxState, now: Date
    ) throws(OAuthRefusal) -> OAuthTokenPair {
        guard let presented = request.parameter("code") else { throw missing("code", app, else: .code) }
        guard let code = state.oauth.takeCode(presented, app: app, now: now) else {
            throw OAuthRefusal(.code, "The code passed is incorrect or expired.")
        }
        guard let redirectURI = request.parameter("redirect_uri") else {
            throw missing("redirect_uri", app, else: .redirectURI)
        }
        guard redirectURI == code.redirectURI else {
            throw OAuthRefusal(.redirectURI, "The redirect_uri MUST match the one of the authorization request.")
        }
        switch (code.challenge, request.parameter("code_verifier")) {
        case (nil, nil):
            break
        case (nil, _?):
            throw OAuthRefusal(.code, "A code_verifier was sent but the authorization request had no code_challenge.")
        case (_?, nil):
            throw missing("code_verifier", app, else: .code)
        case (let challenge?, let verifier?):
            guard PKCE.verifies(verifier, challenge: challenge) else {
                throw OAuthRefusal(.code, "The code_verifier does not match the code_challenge.")
            }
        }
        state.oauth.counters.codeExchanges += 1
        return state.oauth.issueTokens(
            app: app, caller: code.caller, scope: code.scope,
            withRefreshToken: app.provider == .github || code.scope.split(separator: " ").contains("offline_access"),
            accessTokenSeconds: state.faults.oauthAccessTokenSeconds ?? app.accessTokenSeconds, now: now)
    }

    private static func refresh(
        _ request: OAuthTokenRequest, app: OAuthApp, state: inout SandboxState, now: Date
    ) throws(OAuthRefusal) -> OAuthTokenPair {
        guard let presented = request.parameter("refresh_token") else {
            throw missing("refresh_token", app, else: .refreshToken)
        }
        guard let used = state.oauth.takeRefreshToken(presented, app: app, now: now) else {
            throw OAuthRefusal(.refreshToken, "The refresh token passed is incorrect or expired.")
        }
        state.oauth.counters.refreshes += 1
        return state.oauth.issueTokens(
            app: app, caller: used.caller, scope: used.scope, withRefreshToken: true,
            accessTokenSeconds: state.faults.oauthAccessTokenSeconds ?? app.accessTokenSeconds, now: now)
    }

    /// A missing parameter: Vercel's `invalid_request`; GitHub words it as the grant's own error (`kind`).
    private static func missing(_ name: String, _ app: OAuthApp, else kind: OAuthRefusal.Kind) -> OAuthRefusal {
        OAuthRefusal(app.provider == .vercel ? .request : kind, "\(name) is required.")
    }
}
