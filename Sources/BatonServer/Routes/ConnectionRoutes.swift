import BatonCore
import Foundation
import Hummingbird
import Logging

/// The user's own accounts, connected in the browser (OAuth with `state` and PKCE):
///
/// - `GET /api/connections`: what this browser connected (``AccountConnections``; never a token).
/// - `POST /api/connections/{github|vercel}`: starts connecting; answers `{"authorizeUrl": …}` and sets the
///   `baton_connection` cookie (HttpOnly, Secure, SameSite=Lax, path `/api`).
/// - `GET /api/connections/{provider}/callback`: where the provider sends the browser back; redirects (303) to
///   `/?connected=PROVIDER` or `/?connect_error=CODE&provider=PROVIDER`.
/// - `DELETE /api/connections/{provider}`: forgets that provider's account (204).
///
/// Requests carry the principal's credential as `init` does (the callback, a plain navigation, uses the principal
/// recorded when the connection started). The cookie holds a random value; the store keeps only its SHA-256.
struct ConnectionRoutes<Context: RemoteAddressRequestContext>: Sendable {
    let engine: WorkflowEngine
    let connector: AccountConnector?
    /// The server's public base URL (callbacks are built on it); `nil` to take it from each request's `Host`.
    let publicURL: String?

    func register(on router: some RouterMethods<Context>) {
        router.get("/api/connections") { request, context in
            guard let connector else {
                return try JSONResponse.make(AccountConnections(github: .init(available: false, connected: false), vercel: .init(available: false, connected: false)))
            }
            let principal = try await principal(request, context)
            return try JSONResponse.make(try await connector.connections(connectionID: request.connectionID, principal: principal))
        }
        router.post("/api/connections/:provider") { request, context in
            let kind = try Self.kind(context)
            let connector = try configured(kind)
            let principal = try await principal(request, context)
            let cookie = request.connectionCookie ?? SecretIdentifiers.newConnectionCookie()
            let redirectURI = try callbackURL(kind, request: request)
            let url = try await connector.start(
                kind, connectionID: SecretIdentifiers.tokenHash(cookie), principal: principal, redirectURI: redirectURI
            )
            var response = try JSONResponse.make(AuthorizationStart(authorizeURL: url))
            response.setCookie(Cookie(
                name: ConnectionCookie.name, value: cookie, maxAge: ConnectionCookie.maxAge, path: "/api", secure: true, httpOnly: true,
                sameSite: .lax
            ))
            return response
        }
        router.get("/api/connections/:provider/callback") { request, context in
            let kind = try Self.kind(context)
            let connector = try configured(kind)
            let query = request.uri.queryParameters
            do {
                _ = try await connector.finish(
                    kind, connectionID: request.connectionID, code: query.get("code"), state: query.get("state"),
                    error: query.get("error")
                )
                return Self.redirect("/?connected=\(kind.rawValue)")
            } catch let error as AccountConnectionError {
                context.logger.notice("connecting an account failed", metadata: ["provider": "\(kind.rawValue)", "code": "\(error.code)"])
                return Self.redirect("/?connect_error=\(error.code)&provider=\(kind.rawValue)")
            }
        }
        router.delete("/api/connections/:provider") { request, context in
            let kind = try Self.kind(context)
            let connector = try configured(kind)
            let principal = try await principal(request, context)
            if let connectionID = request.connectionID {
                try await connector.disconnect(kind, connectionID: connectionID, principal: principal)
            }
            return Response(status: .noContent, headers: [.cacheControl: "no-store"])
        }
    }

    private func principal(_ request: Request, _ context: Context) async throws -> Principal {
        try await engine.principal(bearerToken: request.bearerToken, clientAddress: context.clientAddress)
    }

    private func configured(_ kind: AccountProviderKind) throws -> AccountConnector {
        guard let connector else {
            throw APIError(.providerNotConfigured, "This server connects no accounts; deploy with the server's accounts, or give your own token to the CLI.")
        }
        return connector
    }

    /// The callback URL registered with the provider's app: `PUBLIC_URL/api/connections/PROVIDER/callback`.
    private func callbackURL(_ kind: AccountProviderKind, request: Request) throws -> String {
        let base: String
        if let publicURL {
            base = publicURL
        } else if let host = request.head.authority, Patterns.isHostAndPort(host) {
            base = "http://\(host)"
        } else {
            throw APIError.validationFailed([FieldIssue(
                path: "Host", message: "must be this server's host name or address, with a port if any, to build the callback URL"
            )])
        }
        return base + "/api/connections/\(kind.rawValue)/callback"
    }

    /// The provider named in the path.
    private static func kind(_ context: Context) throws -> AccountProviderKind {
        guard let name = context.parameters.get("provider"), let kind = AccountProviderKind(rawValue: name) else {
            throw APIError(.notFound, "Accounts can be connected for: github, vercel.")
        }
        return kind
    }

    private static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}
