import ArgumentParser
import AsyncHTTPClient
import BatonCore
import BatonProviders
import BatonSandbox
import Foundation

/// How `baton serve` connects users' own GitHub and Vercel accounts: the OAuth apps come from the environment
/// (`BATON_GITHUB_CLIENT_ID`, `BATON_GITHUB_CLIENT_SECRET`, `BATON_GITHUB_APP_SLUG`, `BATON_VERCEL_CLIENT_ID`,
/// `BATON_VERCEL_CLIENT_SECRET`); with `--sandbox`, the sandbox's own apps are used when none is set.
struct AccountConnectionOptions: ParsableArguments {
    @Option(
        name: .customLong("public-url"),
        help: ArgumentHelp("The server's public base URL (https://deploy.example.com), on which the OAuth callback URLs PUBLIC_URL/api/connections/github/callback and …/vercel/callback are built; required to connect accounts outside --sandbox.", valueName: "url"))
    var publicURL: String?

    @Option(name: .customLong("github-web-url"), help: ArgumentHelp("GitHub's web address, for OAuth (default https://github.com).", valueName: "url"))
    var githubWebURL: String?

    @Option(name: .customLong("vercel-web-url"), help: ArgumentHelp("Vercel's web address, for OAuth (default https://vercel.com).", valueName: "url"))
    var vercelWebURL: String?

    /// The public URL without a trailing slash, checked.
    func checkedPublicURL() throws -> String? {
        guard var url = publicURL else { return nil }
        while url.hasSuffix("/") { url.removeLast() }
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
            throw ValidationError("--public-url must be an http or https URL such as https://deploy.example.com.")
        }
        return url
    }

    /// The OAuth sign-ins this server offers.
    /// - Parameters:
    ///   - sandboxURL: the sandbox's base URL (`http://HOST:PORT/sandbox`) under `--sandbox`.
    ///   - settings: where the provider APIs are.
    /// - Throws: `ValidationError` for half a client (an id without its secret) or no `--public-url` outside `--sandbox`.
    func providers(
        environment: [String: String], sandboxURL: String?, settings: ProviderSettings, http: HTTPClient, clock: any BatonClock
    ) throws -> [any AccountProvider] {
        var providers: [any AccountProvider] = []
        let githubWeb = githubWebURL ?? sandboxURL.map { $0 + "/github.com" } ?? "https://github.com"
        let vercelWeb = vercelWebURL ?? sandboxURL.map { $0 + "/vercel.com" } ?? "https://vercel.com"
        if let client = try Self.client(
            "GITHUB", environment: environment,
            sandbox: sandboxURL == nil ? nil : (ProviderSandbox.gitHubOAuthClientID, ProviderSandbox.gitHubOAuthClientSecret)
        ) {
            let slug = environment["BATON_GITHUB_APP_SLUG"] ?? (sandboxURL == nil ? nil : ProviderSandbox.gitHubAppSlug)
            providers.append(GitHubAppAuthorization(
                app: OAuthAppSettings(
                    clientID: client.id, clientSecret: ProviderToken(client.secret),
                    authorizeURL: githubWeb + "/login/oauth/authorize", tokenURL: githubWeb + "/login/oauth/access_token"
                ),
                installURL: slug.map { "\(githubWeb)/apps/\($0)/installations/new" }, apiURL: settings.githubAPIURL, http: http, clock: clock
            ))
        }
        if let client = try Self.client(
            "VERCEL", environment: environment,
            sandbox: sandboxURL == nil ? nil : (ProviderSandbox.vercelOAuthClientID, ProviderSandbox.vercelOAuthClientSecret)
        ) {
            providers.append(SignInWithVercel(
                app: OAuthAppSettings(
                    clientID: client.id, clientSecret: ProviderToken(client.secret),
                    authorizeURL: vercelWeb + "/oauth/authorize", tokenURL: settings.vercelAPIURL + "/login/oauth/token"
                ),
                apiURL: settings.vercelAPIURL, http: http, clock: clock
            ))
        }
        if !providers.isEmpty, sandboxURL == nil, publicURL == nil {
            throw ValidationError("Connecting accounts (BATON_GITHUB_CLIENT_ID or BATON_VERCEL_CLIENT_ID is set) needs --public-url, the address users reach this server at: the OAuth callback URLs are built on it.")
        }
        return providers
    }

    /// `BATON_<NAME>_CLIENT_ID` and `_SECRET`, or the sandbox's app when neither is set.
    private static func client(
        _ name: String, environment: [String: String], sandbox: (String, String)?
    ) throws -> (id: String, secret: String)? {
        let id = environment["BATON_\(name)_CLIENT_ID"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = environment["BATON_\(name)_CLIENT_SECRET"].flatMap { $0.isEmpty ? nil : $0 }
        switch (id, secret) {
        case (let id?, let secret?): return (id, secret)
        case (nil, nil): return sandbox.map { (id: $0.0, secret: $0.1) }
        default: throw ValidationError("BATON_\(name)_CLIENT_ID and BATON_\(name)_CLIENT_SECRET go together; set both or neither.")
        }
    }
}
