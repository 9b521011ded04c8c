import Foundation

/// Connects users' own accounts: starts a provider's authorization (OAuth `state` and PKCE), finishes it when the
/// browser comes back (trading the code for tokens, learning who the account is), reports and forgets connections.
/// The tokens stay in the sealed connection record; the browser holds only the `baton_connection` cookie.
public struct AccountConnector: Sendable {
    let vault: AccountVault
    let clock: any BatonClock

    public init(vault: AccountVault, clock: any BatonClock) {
        self.vault = vault
        self.clock = clock
    }

    /// What `principal`'s connection `connectionID` holds, and which providers can be connected.
    public func connections(connectionID: String?, principal: Principal) async throws -> AccountConnections {
        var connection: AccountConnection?
        if let connectionID { connection = try await vault.connection(connectionID, principal: principal.id)?.0 }
        let github = connection?.usableAccount(.github)?.identity
        let vercel = connection?.usableAccount(.vercel)?.identity
        return AccountConnections(
            github: .init(
                available: vault.provider(.github) != nil, connected: github != nil, login: github?.login,
                owners: github?.owners, installURL: github?.installURL
            ),
            vercel: .init(available: vault.provider(.vercel) != nil, connected: vercel != nil, username: vercel?.login, teams: vercel?.teams)
        )
    }

    /// Starts connecting `kind` for `principal` in connection `connectionID` (created when new), and returns the URL
    /// of the provider's authorize page.
    /// - Throws: 404 `provider_not_configured` when the server has no OAuth app for `kind`.
    public func start(_ kind: AccountProviderKind, connectionID: String, principal: Principal, redirectURI: String) async throws -> String {
        let provider = try provider(kind)
        let state = SecretIdentifiers.newOAuthSecret()
        let verifier = SecretIdentifiers.newOAuthSecret()
        let pending = AccountConnection.PendingAuthorization(
            state: state, codeVerifier: verifier, redirectURI: redirectURI, startedAt: clock.now()
        )
        try await change(connectionID, principal: principal.id, creating: true) { connection in
            connection.pending[kind] = pending
        }
        return provider.authorizationURL(state: state, codeChallenge: SecretIdentifiers.codeChallenge(verifier), redirectURI: redirectURI)
    }

    /// Finishes connecting `kind` when the provider sends the browser back with `code` and `state`.
    /// - Returns: who the connected account is.
    /// - Throws: ``AccountConnectionError`` naming what went wrong, for the page to show.
    public func finish(_ kind: AccountProviderKind, connectionID: String?, code: String?, state: String?, error: String?) async throws -> AccountIdentity {
        let provider = try provider(kind)
        guard let connectionID, let (connection, secret) = try await vault.connection(connectionID, principal: nil),
              let pending = connection.pending[kind]
        else { throw AccountConnectionError.noAuthorizationStarted }
        guard let state, SecretIdentifiers.constantTimeEqual(state, pending.state) else {
            throw AccountConnectionError.stateMismatch
        }
        // The authorization is used up whatever happens next: a second callback with the same state finds nothing.
        try await change(connectionID, principal: secret.principal, creating: false) { $0.pending[kind] = nil }
        if let error { throw AccountConnectionError.refused(Self.errorCode(error)) }
        guard clock.now().timeIntervalSince(pending.startedAt) <= AccountConnection.pendingLifetime else {
            throw AccountConnectionError.expired
        }
        guard let code, !code.isEmpty else { throw AccountConnectionError.refused("missing_code") }
        let credential: AccountCredential
        let identity: AccountIdentity
        do {
            credential = try await provider.exchange(code: code, codeVerifier: pending.codeVerifier, redirectURI: pending.redirectURI)
            identity = try await provider.identity(credential)
        } catch let error as AccountProviderError {
            throw AccountConnectionError.exchangeFailed(error.message)
        }
        try await change(connectionID, principal: secret.principal, creating: false) { connection in
            connection.accounts[kind] = AccountConnection.Account(credential: credential, identity: identity)
        }
        return identity
    }

    /// Disconnects `kind`'s account in `principal`'s connection (and drops any authorization under way): new
    /// workflows can no longer use it. Workflows already started from it still renew through its grant until they
    /// end; the grant is erased with the connection, 30 days after its last use.
    public func disconnect(_ kind: AccountProviderKind, connectionID: String, principal: Principal) async throws {
        try await change(connectionID, principal: principal.id, creating: false) { connection in
            connection.accounts[kind]?.disconnected = true
            connection.pending[kind] = nil
        }
    }

    private func provider(_ kind: AccountProviderKind) throws -> any AccountProvider {
        guard let provider = vault.provider(kind) else {
            throw APIError(.providerNotConfigured, "This server has no \(kind.displayName) app to connect accounts with; deploy with the server's accounts, or give your own token to the CLI.")
        }
        return provider
    }

    /// Applies `body` to the connection and stores it by compare-and-set, reading again when another request
    /// changed it first. A connection of another principal under the same id is replaced when `creating` (a browser
    /// that switched credentials starts over), else left alone.
    private func change(
        _ connectionID: String, principal: String, creating: Bool, _ body: (inout AccountConnection) -> Void
    ) async throws {
        for _ in 0..<Self.maxWriteTries {
            let found = try await vault.connection(connectionID, principal: principal)
            if found == nil, !creating { return }
            // A workflow is renewing a token through this connection: writing now would drop the renewed tokens
            // (and the provider has already retired the old refresh token). Wait for it.
            if let lease = found?.1.leaseUntil, lease > clock.now() {
                try await Task.sleep(for: .milliseconds(250))
                continue
            }
            var connection = found?.0 ?? AccountConnection()
            body(&connection)
            var previous = found?.1
            if previous == nil, creating {
                // Another principal's (or an unreadable) record under this id is replaced.
                previous = try await vault.secrets.secret(kind: AccountConnection.kind, id: connectionID)
            }
            if try await vault.saveConnection(connection, id: connectionID, principal: principal, previous: previous) { return }
        }
        throw APIError(.conflict, "The connection kept changing under this request (a token was being renewed); try again.")
    }

    /// How many times a connection write is tried (waiting 250 ms while a renewal holds it): about 10 s.
    static let maxWriteTries = 40

    /// A provider's `error` parameter, kept to the characters OAuth error codes use.
    private static func errorCode(_ text: String) -> String {
        let kept = text.unicodeScalars.filter { CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz_").contains($0) }
        return kept.isEmpty ? "refused" : String(String.UnicodeScalarView(kept.prefix(64)))
    }
}

/// Why connecting an account failed, as the page shows it (`/?connect_error=CODE&provider=…`).
public enum AccountConnectionError: Error, Sendable, Equatable {
    /// The browser came back without an authorization this connection started (another browser, or used up).
    case noAuthorizationStarted
    /// `state` did not match: the callback was not for the authorization this browser started.
    case stateMismatch
    /// It took longer than ``AccountConnection/pendingLifetime``.
    case expired
    /// The user or the provider refused (the provider's `error`, such as `access_denied`).
    case refused(String)
    /// The code could not be traded for tokens, or the account could not be read.
    case exchangeFailed(String)

    /// The code in the page's address.
    public var code: String {
        switch self {
        case .noAuthorizationStarted: "no_authorization_started"
        case .stateMismatch: "state_mismatch"
        case .expired: "authorization_expired"
        case .refused(let code): code
        case .exchangeFailed: "exchange_failed"
        }
    }
}
