import Foundation
public import Hummingbird
import Synchronization

/// An in-process imitation of the GitHub and Vercel REST APIs, faithful enough for Baton's real provider clients.
///
/// Mount it with ``register(on:)`` and point the clients at `http://HOST:PORT/sandbox/github` (for
/// `https://api.github.com`) and `http://HOST:PORT/sandbox/vercel` (for `https://api.vercel.com`).
/// `/sandbox/state`, `/sandbox/faults` and `/sandbox/dns` inspect and steer it.
///
/// Sign-in (providers.md §6.5): `/sandbox/github.com` imitates `https://github.com` — `GET`/`POST
/// /login/oauth/authorize` (a consent page with one button per sandbox user) and `POST /login/oauth/access_token` —
/// for the GitHub App ``gitHubAppSlug`` (``gitHubOAuthClientID``, ``gitHubOAuthClientSecret``; PKCE `S256`
/// optional). `/sandbox/vercel.com` imitates `https://vercel.com` — `GET`/`POST /oauth/authorize` — and
/// `/sandbox/vercel/login/oauth/token` Vercel's token endpoint, for the "Sign in with Vercel" app
/// (``vercelOAuthClientID``, ``vercelOAuthClientSecret``; PKCE `S256` required; the secret in the body or as HTTP
/// Basic). Codes are single-use and live 10 minutes; refreshing rotates both tokens. GitHub users: `octo-alice`
/// (organizations `alice-labs`, App installed, and `alice-archive`, not installed) and `octo-bob` (`bob-works`);
/// Vercel users: `alice` (team `team_alicelabs`) and `bob` (team `team_bobworks`).
///
/// Tokens: an access token issued through sign-in (`ghu_…`, `vca_…`) is its user's at its own provider until it
/// expires (8 h on GitHub, 1 h on Vercel, or the `oauthAccessTokenSeconds` knob) or a refresh replaces it; then, like
/// any other token shaped like the apps' tokens (`ghu_`, `ghr_`, `vca_`, `vcr_`), it is rejected as a bad token.
/// Otherwise the sandbox accepts any non-empty bearer token unless the `rejectTokens` fault is on; a token equal to
/// ``rejectedToken`` (`invalid`) or starting with `bad-` is always rejected as a bad token. Such a token is the
/// operator: GitHub user `baton-sandbox-user` (id 1000) and Vercel's shared personal account, who may create
/// repositories and projects anywhere. A user's token creates GitHub repositories only in its own account and its
/// organizations where the App is installed (else 403 `Resource not accessible by integration`), and acts on Vercel
/// in its own personal account and its own teams (else 403 `forbidden`).
///
/// All state lives in one lock; progress over time (forks filling, builds advancing) is computed from the
/// injected clock whenever a request reads it, so the sandbox runs no background work.
public final class ProviderSandbox: Sendable {
    /// A token the sandbox accepts as the operator's (any non-empty token not shaped like an OAuth token is accepted
    /// unless the `rejectTokens` fault is on).
    public static let acceptedToken = "sandbox-token"
    /// A token the sandbox always rejects as bad credentials.
    public static let rejectedToken = "invalid"
    /// The GitHub login every accepted token not issued through sign-in authenticates as (the operator).
    public static let gitHubLogin = GitHubWorld.authenticatedLogin
    /// The client id of the sandbox's GitHub App (`client_id` at `/sandbox/github.com/login/oauth/…`).
    public static let gitHubOAuthClientID = OAuthApp.gitHub.clientID
    /// The client secret of the sandbox's GitHub App.
    public static let gitHubOAuthClientSecret = OAuthApp.gitHub.clientSecret
    /// The slug of the sandbox's GitHub App, as in `https://github.com/apps/baton-sandbox`.
    public static let gitHubAppSlug = OAuthApp.gitHubAppSlug
    /// The client id of the sandbox's "Sign in with Vercel" app.
    public static let vercelOAuthClientID = OAuthApp.vercel.clientID
    /// The client secret of the sandbox's "Sign in with Vercel" app.
    public static let vercelOAuthClientSecret = OAuthApp.vercel.clientSecret

    let state: Mutex<SandboxState>
    let clock: any SandboxClock
    let recorder: ExchangeRecorder?

    /// Creates a sandbox with the seeded template repositories `baton-templates/app-a`, `app-b` and `app-c`.
    /// - Parameters:
    ///   - configuration: the start-up knobs (`POST /sandbox/faults {}` returns to them).
    ///   - clock: the time source for forks becoming ready and deployments advancing.
    ///   - recordExchangesTo: a file to append one JSON line per provider exchange to, for contract checks.
    public init(
        configuration: SandboxConfiguration = .init(),
        clock: any SandboxClock = SystemSandboxClock(),
        recordExchangesTo: String? = nil
    ) {
        self.clock = clock
        state = Mutex(SandboxState(configuration: configuration, now: clock.now()))
        recorder = recordExchangesTo.map(ExchangeRecorder.init(path:))
    }

    /// Whether the sandbox accepts `token` as the operator's while the `rejectTokens` fault is off (tokens it issued
    /// through sign-in are accepted while live, which this does not know).
    public static func accepts(token: String) -> Bool {
        PresentedCredential.isAcceptable(token: token)
    }

    /// Mounts everything under /sandbox/github, /sandbox/vercel, /sandbox/github.com, /sandbox/vercel.com,
    /// /sandbox/state, /sandbox/faults and /sandbox/dns.
    public func register<Context: RequestContext>(on router: Router<Context>) {
        let methods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete]
        for provider in [ProviderKind.github, .vercel] {
            for method in methods {
                router.on("\(provider.pathPrefix)/**", method: method) { request, _ in
                    await self.serveProvider(request, provider: provider)
                }
            }
        }
        for host in [OAuthHost.gitHubWeb, .vercelWeb] {
            for method in [HTTPRequest.Method.get, .post] {
                router.on("\(host.pathPrefix)/**", method: method) { request, _ in
                    await self.serveOAuth(request, host: host)
                }
            }
        }
        router.get("/sandbox/state") { _, _ in
            self.controlResponse(200, self.stateSnapshot())
        }
        router.get("/sandbox/faults") { _, _ in
            self.controlResponse(200, self.state.withLock { $0.knobsJSON })
        }
        router.post("/sandbox/faults") { request, _ in
            let (status, body) = self.updateFaults(await Self.readBody(request))
            return self.controlResponse(status, body)
        }
        router.post("/sandbox/dns") { request, _ in
            let (status, body) = self.setDNS(await Self.readBody(request))
            return self.controlResponse(status, body)
        }
    }
}
