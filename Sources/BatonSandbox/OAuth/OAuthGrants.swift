import Foundation

/// An authorization code: issued when the user consents, exchangeable once until it expires, bound to the client,
/// the redirect URI and the PKCE challenge of its authorization request.
struct OAuthAuthorizationCode: Sendable {
    /// The app it was issued for.
    let app: OAuthApp
    /// The `redirect_uri` of the authorization request; the exchange must send the same.
    let redirectURI: String
    /// The S256 `code_challenge`, nil when the request had none (GitHub only).
    let challenge: String?
    /// The user who consented.
    let caller: SandboxCaller
    /// The granted scope (space-separated; empty for GitHub, whose App tokens have no scopes).
    let scope: String
    /// When it stops being exchangeable.
    let expiresAt: Date
}

/// An access token the sandbox issued: its user until it expires or is rotated by a refresh.
struct OAuthAccessToken: Sendable {
    /// The app that issued it (a token works only at its own provider).
    let app: OAuthApp
    /// The user it acts as.
    let caller: SandboxCaller
    /// When it stops working.
    let expiresAt: Date
}

/// A refresh token the sandbox issued: usable once, for a new pair, until it expires.
struct OAuthRefreshToken: Sendable {
    /// The app that issued it; only that client may use it.
    let app: OAuthApp
    /// The user it acts as.
    let caller: SandboxCaller
    /// The scope granted with it, kept by the new pair.
    let scope: String
    /// The access token issued with it, which stops working when it is used.
    let accessToken: String
    /// When it stops being usable.
    let expiresAt: Date
}

/// A token endpoint's success: the new access token and, when granted, its refresh token.
struct OAuthTokenPair: Sendable {
    /// The access token.
    let accessToken: String
    /// Seconds the access token lives (`expires_in`).
    let accessTokenSeconds: Int
    /// The refresh token; nil for a Vercel grant without `offline_access`.
    let refreshToken: String?
    /// Seconds the refresh token lives (`refresh_token_expires_in`, which GitHub reports).
    let refreshTokenSeconds: Int
    /// The granted scope.
    let scope: String
}
