import Foundation

/// One of the sandbox's two registered OAuth apps: the GitHub App `baton-sandbox` (user access tokens, web
/// application flow) and the "Sign in with Vercel" app. Facts from providers.md §6.5.
struct OAuthApp: Sendable, Equatable {
    /// The provider whose accounts the app signs in.
    let provider: ProviderKind
    /// The client id.
    let clientID: String
    /// The client secret (required at the token endpoint by both providers, PKCE or not).
    let clientSecret: String
    /// Whether an authorization request must carry a PKCE challenge: Vercel requires one, GitHub allows none.
    let requiresChallenge: Bool
    /// Whether the client may authenticate with HTTP Basic (`client_secret_basic`) instead of in the body
    /// (`client_secret_post`): Vercel's discovery document lists both; GitHub documents the body only.
    let acceptsBasicAuthentication: Bool
    /// How access tokens start: GitHub user access tokens `ghu_`, the sandbox's Vercel ones `vca_`.
    let accessTokenPrefix: String
    /// How refresh tokens start: GitHub `ghr_`, the sandbox's Vercel ones `vcr_`.
    let refreshTokenPrefix: String
    /// Access token lifetime unless the `oauthAccessTokenSeconds` knob is set: GitHub 8 h, Vercel 1 h.
    let accessTokenSeconds: Int
    /// Refresh token lifetime: GitHub 15897600 s (about 6 months), Vercel 30 days.
    let refreshTokenSeconds: Int

    /// How long an authorization code can be exchanged: GitHub's codes expire after 10 minutes (the sandbox uses the
    /// same for Vercel, whose lifetime is not documented).
    static let codeSeconds: TimeInterval = 600

    /// The GitHub App `baton-sandbox`.
    static let gitHub = OAuthApp(
        provider: .github, clientID: "Iv1.sandboxgithubapp", clientSecret: "sandbox-github-client-secret",
        requiresChallenge: false, acceptsBasicAuthentication: false, accessTokenPrefix: "ghu_",
        refreshTokenPrefix: "ghr_", accessTokenSeconds: 28_800, refreshTokenSeconds: 15_897_600)

    /// The "Sign in with Vercel" app.
    static let vercel = OAuthApp(
        provider: .vercel, clientID: "cl_sandbox_vercel_app", clientSecret: "sandbox-vercel-client-secret",
        requiresChallenge: true, acceptsBasicAuthentication: true, accessTokenPrefix: "vca_",
        refreshTokenPrefix: "vcr_", accessTokenSeconds: 3600, refreshTokenSeconds: 30 * 86_400)

    /// The slug of the GitHub App, as in `https://github.com/apps/baton-sandbox`.
    static let gitHubAppSlug = "baton-sandbox"

    /// The scopes the Vercel app is configured with; an authorization request asks for a subset (omitted: all).
    static let vercelScopes = ["openid", "email", "profile", "offline_access"]

    /// The prefixes of every token the apps issue: such tokens are accepted only while issued and live.
    static let tokenPrefixes = [gitHub.accessTokenPrefix, gitHub.refreshTokenPrefix, vercel.accessTokenPrefix,
        vercel.refreshTokenPrefix]

    /// The app signing in `provider`'s accounts.
    static func signingIn(_ provider: ProviderKind) -> OAuthApp {
        provider == .github ? gitHub : vercel
    }
}
