import Foundation
import Hummingbird
import Synchronization

/// An in-process imitation of the GitHub and Vercel REST APIs, faithful enough for Baton's real provider clients.
///
/// Mount it with ``register(on:)`` and point the clients at `http://HOST:PORT/sandbox/github` (for
/// `https://api.github.com`) and `http://HOST:PORT/sandbox/vercel` (for `https://api.vercel.com`).
/// `/sandbox/state`, `/sandbox/faults` and `/sandbox/dns` inspect and steer it.
///
/// Tokens: the sandbox accepts any non-empty bearer token unless the `rejectTokens` fault is on; a token equal to
/// ``rejectedToken`` (`invalid`) or starting with `bad-` is always rejected as a bad token. Every accepted token
/// authenticates GitHub user `baton-sandbox-user` (id 1000).
///
/// All state lives in one lock; progress over time (forks filling, builds advancing) is computed from the
/// injected clock whenever a request reads it, so the sandbox runs no background work.
public final class ProviderSandbox: Sendable {
    /// A token the sandbox accepts (any non-empty token is accepted unless the `rejectTokens` fault is on).
    public static let acceptedToken = "sandbox-token"
    /// A token the sandbox always rejects as bad credentials.
    public static let rejectedToken = "invalid"
    /// The GitHub login every accepted token authenticates as.
    public static let gitHubLogin = GitHubWorld.authenticatedLogin

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

    /// Whether the sandbox accepts `token` while the `rejectTokens` fault is off.
    public static func accepts(token: String) -> Bool {
        PresentedCredential.isAcceptable(token: token)
    }

    /// Mounts everything under /sandbox/github, /sandbox/vercel, /sandbox/state, /sandbox/faults and /sandbox/dns.
    public func register<Context: RequestContext>(on router: Router<Context>) {
        let methods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete]
        for provider in [ProviderKind.github, .vercel] {
            for method in methods {
                router.on("\(provider.pathPrefix)/**", method: method) { request, _ in
                    await self.serveProvider(request, provider: provider)
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
