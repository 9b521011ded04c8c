public import AsyncHTTPClient
public import BatonCore
import Foundation

/// A GitHub App's user authorization (the web application flow): users connect their own GitHub account, and
/// Baton acts with a user access token limited to what both the App and the user may do, on the accounts where the
/// App is installed (providers.md §6.2 and §6.5).
///
/// The App needs the repository permissions *Administration: write* (creating forks and repositories) and
/// *Contents: read* (reading the template and the new repository's branch); user tokens expire after 8 hours and
/// are renewed with the refresh token, which GitHub rotates.
public struct GitHubAppAuthorization: AccountProvider {
    public let kind = AccountProviderKind.github
    private let app: OAuthAppSettings
    private let endpoint: OAuthTokenEndpoint
    private let api: GitHubClient
    private let installURL: String?

    /// - Parameters:
    ///   - app: the App's client id and secret; `authorizeURL` `https://github.com/login/oauth/authorize`, `tokenURL`
    ///     `https://github.com/login/oauth/access_token`.
    ///   - installURL: where a user installs the App on another account (`https://github.com/apps/SLUG/installations/new`).
    ///   - apiURL: GitHub's API (`https://api.github.com`).
    public init(app: OAuthAppSettings, installURL: String?, apiURL: String, http: HTTPClient, clock: any BatonClock) {
        self.app = app
        self.installURL = installURL
        endpoint = OAuthTokenEndpoint(app: app, kind: .github, http: http, clock: clock)
        api = GitHubClient(baseURL: apiURL, token: ProviderToken(nil), http: http)
    }

    public func authorizationURL(state: String, codeChallenge: String, redirectURI: String) -> String {
        // No `scope`: a GitHub App's user token has the App's permissions (providers.md §6.5).
        app.authorizationURL([
            ("client_id", app.clientID), ("redirect_uri", redirectURI), ("state", state),
            ("code_challenge", codeChallenge), ("code_challenge_method", "S256"),
        ])
    }

    public func exchange(code: String, codeVerifier: String, redirectURI: String) async throws -> AccountCredential {
        try await endpoint.credential([("code", code), ("redirect_uri", redirectURI), ("code_verifier", codeVerifier)])
    }

    public func refresh(_ credential: AccountCredential) async throws -> AccountCredential {
        try await endpoint.refresh(credential)
    }

    /// The user's login, and as owners the login and organizations, each marked with whether the App is installed on it.
    public func identity(_ credential: AccountCredential) async throws -> AccountIdentity {
        let user = api.authorized(by: ProviderToken(credential.accessToken))
        return try await lookUpIdentity(at: "GitHub") {
            let login = try await user.authenticatedLogin()
            let organizations = try await user.organizations()
            let installed = Set(try await user.installedAccounts().map { $0.lowercased() })
            let owners = ([login] + organizations).map { AccountIdentity.Owner(login: $0, installed: installed.contains($0.lowercased())) }
            return AccountIdentity(login: login, owners: owners, installURL: installURL)
        }
    }
}
