import Foundation

/// A provider's OAuth sign-in for users' own accounts (GitHub App user authorization, Sign in with Vercel): what the
/// server needs to connect an account and what workflows need to renew its tokens. Implemented over HTTP by
/// BatonProviders; the core only calls it.
public protocol AccountProvider: Sendable {
    /// Which provider.
    var kind: AccountProviderKind { get }

    /// The URL to send the browser to: the provider's authorize page with `state` and the PKCE S256 `codeChallenge`.
    func authorizationURL(state: String, codeChallenge: String, redirectURI: String) -> String

    /// Trades the authorization `code` the callback received for tokens.
    /// - Throws: ``AccountProviderError``.
    func exchange(code: String, codeVerifier: String, redirectURI: String) async throws -> AccountCredential

    /// Renews `credential` with its refresh token. The provider rotates it: the returned credential holds the only
    /// refresh token that works from now on.
    /// - Throws: ``AccountProviderError/rejected(_:)`` when the grant is gone (revoked, refresh token used or expired):
    ///   the user must connect again.
    func refresh(_ credential: AccountCredential) async throws -> AccountCredential

    /// Who the account is and where it may deploy.
    func identity(_ credential: AccountCredential) async throws -> AccountIdentity
}

/// Errors of an ``AccountProvider``, worded for the user (never a token).
public enum AccountProviderError: Error, Sendable, Equatable {
    /// The provider refused: the code, grant or client is not (or no longer) valid.
    case rejected(String)
    /// The provider could not be reached or failed; trying again later may work.
    case unavailable(String)

    /// The provider's words.
    public var message: String {
        switch self {
        case .rejected(let message), .unavailable(let message): message
        }
    }
}
