import Foundation

/// The codes and tokens the sandbox's OAuth apps issued, and what the endpoints did.
///
/// Nothing expires in the background: codes and tokens carry their end, compared with the clock when a request
/// presents them; ended ones are dropped whenever something new is issued.
struct OAuthWorld: Sendable {
    private var codes: [String: OAuthAuthorizationCode] = [:]
    private var accessTokens: [String: OAuthAccessToken] = [:]
    private var refreshTokens: [String: OAuthRefreshToken] = [:]
    /// What the endpoints did.
    var counters = OAuthCounters()

    /// Issues a code for `caller`'s consent to `request` at `now`.
    mutating func issueCode(
        for request: OAuthAuthorizationRequest, caller: SandboxCaller, now: Date
    ) -> String {
        dropEnded(at: now)
        // GitHub's codes are 20 hex digits.
        let code =
            request.app.provider == .github
            ? Self.random(20, from: Self.hex) : Self.random(32, from: Self.alphanumerics)
        codes[code] = OAuthAuthorizationCode(
            app: request.app, redirectURI: request.redirectURI, challenge: request.challenge, caller: caller,
            scope: request.scope, expiresAt: now.addingTimeInterval(OAuthApp.codeSeconds))
        counters.codesIssued += 1
        return code
    }

    /// Uses up the code `code` when `app` issued it, and returns it unless it has expired at `now`; nil when it is
    /// unknown, used, another client's or expired. Once presented by its client a code is gone, whatever the rest
    /// of the exchange holds (a wrong verifier cannot be retried).
    mutating func takeCode(_ code: String, app: OAuthApp, now: Date) -> OAuthAuthorizationCode? {
        guard let issued = codes[code], issued.app == app else { return nil }
        codes[code] = nil
        return now < issued.expiresAt ? issued : nil
    }

    /// Uses up the refresh token `token` when `app` issued it and it is live at `now`, and ends the access token
    /// issued with it (rotation: providers.md §6.5 — "the used refresh token and the old access token stop
    /// working"); nil when it is unknown, used, another client's or expired.
    mutating func takeRefreshToken(_ token: String, app: OAuthApp, now: Date) -> OAuthRefreshToken? {
        guard let refresh = refreshTokens[token], refresh.app == app, now < refresh.expiresAt else { return nil }
        refreshTokens[token] = nil
        accessTokens[refresh.accessToken] = nil
        return refresh
    }

    /// Issues an access token for `caller` from `app`, living `accessTokenSeconds`, and a refresh token with it
    /// when `withRefreshToken`.
    mutating func issueTokens(
        app: OAuthApp, caller: SandboxCaller, scope: String, withRefreshToken: Bool, accessTokenSeconds: Int,
        now: Date
    ) -> OAuthTokenPair {
        dropEnded(at: now)
        let accessToken = app.accessTokenPrefix + Self.random(36, from: Self.alphanumerics)
        accessTokens[accessToken] = OAuthAccessToken(
            app: app, caller: caller, expiresAt: now.addingTimeInterval(TimeInterval(accessTokenSeconds)))
        var refreshToken: String?
        if withRefreshToken {
            let length = app.provider == .github ? 76 : 36
            let token = app.refreshTokenPrefix + Self.random(length, from: Self.alphanumerics)
            refreshTokens[token] = OAuthRefreshToken(
                app: app, caller: caller, scope: scope, accessToken: accessToken,
                expiresAt: now.addingTimeInterval(TimeInterval(app.refreshTokenSeconds)))
            refreshToken = token
        }
        return OAuthTokenPair(
            accessToken: accessToken, accessTokenSeconds: accessTokenSeconds, refreshToken: refreshToken,
            refreshTokenSeconds: app.refreshTokenSeconds, scope: scope)
    }

    /// The user of `token` when it is an access token issued for `provider` that has not expired at `now` nor been
    /// rotated; nil otherwise.
    func caller(ofAccessToken token: String, provider: ProviderKind, now: Date) -> SandboxCaller? {
        guard let access = accessTokens[token], access.app.provider == provider, now < access.expiresAt else {
            return nil
        }
        return access.caller
    }

    private mutating func dropEnded(at now: Date) {
        codes = codes.filter { now < $0.value.expiresAt }
        accessTokens = accessTokens.filter { now < $0.value.expiresAt }
        refreshTokens = refreshTokens.filter { now < $0.value.expiresAt }
    }

    private static let alphanumerics = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    private static let hex = Array("0123456789abcdef")

    /// `length` characters drawn from `alphabet` by the system's random generator: tokens must not be guessable
    /// from the sandbox's seeded identifier sequence.
    private static func random(_ length: Int, from alphabet: [Character]) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })  // alphabet is not empty
    }
}
