public import AsyncHTTPClient
public import BatonCore
import Foundation

/// Sign in with Vercel (OAuth 2.0 with PKCE, which Vercel requires): users connect their own Vercel account, and
/// Baton acts with the access token (valid one hour), renewed with the refresh token that the `offline_access` scope
/// grants (valid 30 days, rotated on every renewal) (providers.md §6.5).
///
/// What the access token may do in the API is set by the app's *permissions* in Vercel's dashboard, not by scopes:
/// Baton needs projects, project environment variables, deployments and domains.
public struct SignInWithVercel: AccountProvider {
    public let kind = AccountProviderKind.vercel
    /// The scopes asked for: identity, and `offline_access` for a refresh token.
    public static let scopes = "openid email profile offline_access"
    private let app: OAuthAppSettings
    private let endpoint: OAuthTokenEndpoint
    private let api: VercelClient

    /// - Parameters:
    ///   - app: the app's client id and secret; `authorizeURL` `https://vercel.com/oauth/authorize`, `tokenURL`
    ///     `https://api.vercel.com/login/oauth/token` (read from Vercel's discovery document).
    ///   - apiURL: Vercel's API (`https://api.vercel.com`).
    public init(app: OAuthAppSettings, apiURL: String, http: HTTPClient, clock: any BatonClock) {
        self.app = app
        endpoint = OAuthTokenEndpoint(app: app, kind: .vercel, http: http, clock: clock)
        api = VercelClient(baseURL: apiURL, token: ProviderToken(nil), http: http)
    }

    public func authorizationURL(state: String, codeChallenge: String, redirectURI: String) -> String {
        app.authorizationURL([
            ("client_id", app.clientID), ("redirect_uri", redirectURI), ("response_type", "code"), ("scope", Self.scopes),
            ("state", state), ("code_challenge", codeChallenge), ("code_challenge_method", "S256"),
        ])
    }

    public func exchange(code: String, codeVerifier: String, redirectURI: String) async throws -> AccountCredential {
        try await endpoint.credential([
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI), ("code_verifier", codeVerifier),
        ])
    }

    public func refresh(_ credential: AccountCredential) async throws -> AccountCredential {
        try await endpoint.refresh(credential)
    }

    /// The user's username and teams.
    public func identity(_ credential: AccountCredential) async throws -> AccountIdentity {
        let user = api.authorized(by: ProviderToken(credential.accessToken))
        return try await lookUpIdentity(at: "Vercel") {
            let username = try await user.username()
            let teams = try await user.teams().map { AccountIdentity.Team(id: $0.id, slug: $0.slug, name: $0.name) }
            return AccountIdentity(login: username, teams: teams)
        }
    }
}
