public import Foundation

/// Keeps users' provider tokens sealed in a ``SealedSecretStore`` and hands a step valid access tokens.
///
/// A workflow started with the user's own accounts holds its own sealed copy of their credentials
/// (``WorkflowAccounts``). Access tokens expire (GitHub's after 8 hours, Vercel's after one; providers.md §6.5), so a
/// step that would outlive one first renews it. Renewals happen one at a time: the request that renews holds a lease
/// on the record (taken by compare-and-set), and every other request waits for it and then reads the renewed tokens,
/// because the provider rotates refresh tokens and refuses one used twice. A credential copied from a browser's
/// connection is renewed through that connection (under its lease too), so the connection and every workflow copied
/// from it follow the one chain of refresh tokens the provider keeps per authorization.
public struct AccountVault: Sendable {
    let secrets: any SealedSecretStore
    let sealer: EnvSealer
    let providers: [AccountProviderKind: any AccountProvider]
    let clock: any BatonClock
    /// How long a renewing request holds a record before another may take over (a crashed request's lease lapses).
    public var leaseDuration: TimeInterval = 30
    /// How often a request waiting for another's renewal looks again.
    public var waitInterval: Duration = .milliseconds(200)

    /// A vault over `secrets`, sealing with `sealer` and renewing through `providers` (the ones the server has OAuth
    /// apps for; a pasted token needs none).
    public init(secrets: any SealedSecretStore, sealer: EnvSealer, providers: [any AccountProvider], clock: any BatonClock) {
        self.secrets = secrets
        self.sealer = sealer
        self.providers = Dictionary(providers.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
        self.clock = clock
    }

    /// The OAuth sign-in of `kind`, when the server has an app for it.
    public func provider(_ kind: AccountProviderKind) -> (any AccountProvider)? {
        providers[kind]
    }

    // MARK: Workflow accounts

    /// Stores a new workflow's accounts, sealed and bound to the workflow and its principal. Their record's
    /// ``SealedSecret/updatedAt`` stays the workflow's creation time, so they expire with it.
    public func storeAccounts(_ accounts: WorkflowAccounts, workflowID: String, principal: String, createdAt: Date) async throws {
        let secret = SealedSecret(
            kind: WorkflowAccounts.kind, id: workflowID, principal: principal,
            sealed: try sealer.seal(accounts, boundTo: Self.workflowContext(workflowID, principal)), updatedAt: createdAt
        )
        guard try await secrets.putSecret(secret, expectedVersion: nil) else {
            throw WorkflowStoreError.duplicateID(workflowID)
        }
    }

    /// Erases a workflow's accounts (it succeeded, was canceled or expired).
    public func eraseAccounts(workflowID: String) async throws {
        try await secrets.deleteSecret(kind: WorkflowAccounts.kind, id: workflowID)
    }

    /// Access tokens of the workflow's accounts that stay valid until `until`, renewing those that would not.
    /// - Parameter deadline: when the request must have finished; waiting for another request's renewal stops then.
    /// - Throws: ``AccountVaultError``, or a store error.
    public func tokens(workflowID: String, principal: String, until: Date, deadline: Date) async throws -> AccountTokens {
        let context = Self.workflowContext(workflowID, principal)
        let accounts = try await underLease(
            kind: WorkflowAccounts.kind, id: workflowID, deadline: deadline, as: WorkflowAccounts.self, context: context,
            needsLease: { accounts in accounts.accounts.values.contains { $0.credential.needsRenewal(before: until) } },
            change: { accounts in
                for kind in accounts.accounts.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
                    guard let account = accounts.accounts[kind], account.credential.needsRenewal(before: until) else { continue }
                    accounts.accounts[kind]?.credential = try await renewed(
                        account, kind: kind, principal: principal, until: until, deadline: deadline
                    )
                }
            }
        )
        guard let accounts else { throw AccountVaultError.missing }
        return AccountTokens(
            accessTokens: accounts.accounts.mapValues(\.credential.accessToken),
            accountKeys: accounts.accounts.mapValues(\.accountKey)
        )
    }

    /// `account`'s credential renewed: through its connection when it still holds the account, else on its own.
    private func renewed(
        _ account: WorkflowAccounts.Account, kind: AccountProviderKind, principal: String, until: Date, deadline: Date
    ) async throws -> AccountCredential {
        if let connectionID = account.connectionID,
           let credential = try await connectionCredential(
               connectionID, kind: kind, principal: principal, account: account.accountKey, replacing: account.credential,
               deadline: deadline
           ) {
            return credential
        }
        return try await refresh(account.credential, kind: kind)
    }

    /// The connection's credential for `kind` to replace the workflow's `stale` copy: the one the connection holds
    /// when another request renewed it already, else renewed now under the connection's lease; `nil` when the
    /// connection is gone, belongs to someone else, or now holds another account.
    private func connectionCredential(
        _ connectionID: String, kind: AccountProviderKind, principal: String, account: String, replacing stale: AccountCredential,
        deadline: Date
    ) async throws -> AccountCredential? {
        func held(_ connection: AccountConnection) -> AccountCredential? {
            guard let connected = connection.accounts[kind], connected.identity.login == account else { return nil }
            return connected.credential
        }
        // Renewed by someone else: a newer access token that still works for a while.
        func isNewer(_ credential: AccountCredential) -> Bool {
            credential.accessToken != stale.accessToken && !credential.needsRenewal(before: clock.now().addingTimeInterval(Self.usableMargin))
        }
        let connection = try await underLease(
            kind: AccountConnection.kind, id: connectionID, deadline: deadline, as: AccountConnection.self,
            context: Self.connectionContext(connectionID, principal), principal: principal,
            needsLease: { connection in held(connection).map { !isNewer($0) } ?? false },
            change: { connection in
                guard let credential = held(connection), !isNewer(credential) else { return }
                connection.accounts[kind]?.credential = try await refresh(credential, kind: kind)
            },
            merge: { latest, changed in
                // Another write got in (it should have waited for the lease): keep it, with the renewed tokens.
                if let renewed = held(changed), held(latest) != nil { latest.accounts[kind]?.credential = renewed }
            },
            touch: true
        )
        return connection.flatMap(held)
    }

    /// How long a credential someone else renewed must still work to be taken as it is.
    static let usableMargin: TimeInterval = 1

    private func refresh(_ credential: AccountCredential, kind: AccountProviderKind) async throws -> AccountCredential {
        guard credential.refreshToken != nil else {
            throw AccountVaultError.reauthorize(kind, "the \(kind.displayName) token expired and cannot be renewed")
        }
        guard let provider = providers[kind] else {
            throw AccountVaultError.reauthorize(kind, "this server no longer has a \(kind.displayName) OAuth app to renew the token with")
        }
        do {
            return try await provider.refresh(credential)
        } catch let error as AccountProviderError {
            switch error {
            case .rejected(let message): throw AccountVaultError.reauthorize(kind, message)
            case .unavailable(let message): throw AccountVaultError.unavailable(kind, message)
            }
        }
    }

    // MARK: Connections

    /// The connection keyed `connectionID` (the SHA-256 of the cookie) if it belongs to `principal` (`nil`: whoever
    /// started it, for the provider's callback), with its record.
    public func connection(_ connectionID: String, principal: String?) async throws -> (AccountConnection, SealedSecret)? {
        guard let secret = try await secrets.secret(kind: AccountConnection.kind, id: connectionID),
              principal == nil || secret.principal == principal,
              let connection = try? sealer.open(
                  secret.sealed, as: AccountConnection.self, boundTo: Self.connectionContext(connectionID, secret.principal)
              )
        else { return nil }
        return (connection, secret)
    }

    /// Stores `connection` as a new version of `previous` (or as a new connection when `previous` is nil).
    /// - Returns: whether it was written (false: another request changed it first).
    public func saveConnection(
        _ connection: AccountConnection, id connectionID: String, principal: String, previous: SealedSecret?
    ) async throws -> Bool {
        let secret = SealedSecret(
            kind: AccountConnection.kind, id: connectionID, principal: principal,
            sealed: try sealer.seal(connection, boundTo: Self.connectionContext(connectionID, principal)),
            version: (previous?.version ?? 0) + 1, updatedAt: clock.now()
        )
        return try await secrets.putSecret(secret, expectedVersion: previous?.version)
    }

    /// Deletes a connection (the cookie then reaches nothing).
    public func deleteConnection(_ connectionID: String) async throws {
        try await secrets.deleteSecret(kind: AccountConnection.kind, id: connectionID)
    }

    /// Deletes workflow accounts of workflows created before `workflowsCreatedBefore` (expired with them) and
    /// connections unused since `connectionsUnusedSince`.
    /// - Returns: how many records were deleted.
    public func deleteExpired(workflowsCreatedBefore: Date, connectionsUnusedSince: Date) async throws -> Int {
        let accounts = try await secrets.deleteSecrets(kind: WorkflowAccounts.kind, updatedBefore: workflowsCreatedBefore)
        let connections = try await secrets.deleteSecrets(kind: AccountConnection.kind, updatedBefore: connectionsUnusedSince)
        return accounts + connections
    }

    // MARK: Leases

    /// Reads the sealed `kind`/`id`; when `needsLease` says it must change, takes its lease by compare-and-set
    /// (waiting while another request holds it, until `deadline`), applies `change`, stores the result and releases
    /// the lease — also when `change` throws, keeping what it changed before (a refresh token already used must not
    /// be lost). With `touch`, the stored record's time becomes now (connections count their use).
    /// - Returns: the value as it stands afterwards; `nil` when there is no such record (or it is `principal`'s not).
    private func underLease<Value: Codable & Sendable>(
        kind: String, id: String, deadline: Date, as type: Value.Type, context: String, principal: String? = nil,
        needsLease: (Value) -> Bool, change: (inout Value) async throws -> Void,
        merge: (inout Value, Value) -> Void = { latest, changed in latest = changed }, touch: Bool = false
    ) async throws -> Value? {
        while true {
            guard let secret = try await secrets.secret(kind: kind, id: id), principal == nil || secret.principal == principal else {
                return nil
            }
            let value: Value
            do {
                value = try sealer.open(secret.sealed, as: Value.self, boundTo: context)
            } catch {
                throw AccountVaultError.unreadable
            }
            guard needsLease(value) else { return value }
            let now = clock.now()
            if let lease = secret.leaseUntil, lease > now {
                guard now.addingTimeInterval(waitInterval.seconds) < deadline else { throw AccountVaultError.busy }
                try await Task.sleep(for: waitInterval)
                continue
            }
            var claim = secret
            claim.version += 1
            claim.leaseUntil = now.addingTimeInterval(leaseDuration)
            guard try await secrets.putSecret(claim, expectedVersion: secret.version) else { continue }

            var changed = value
            var failure: (any Error)?
            do {
                try await change(&changed)
            } catch {
                failure = error
            }
            var release = claim
            release.version += 1
            release.leaseUntil = nil
            release.sealed = try sealer.seal(changed, boundTo: context)
            if touch { release.updatedAt = clock.now() }
            if try await !secrets.putSecret(release, expectedVersion: claim.version) {
                // Another request wrote meanwhile (the lease lapsed, or a writer did not wait): what this one renewed
                // must not be lost, since the provider already retired the tokens it replaced. Merge it into theirs.
                changed = try await mergeAfterLostLease(kind: kind, id: id, context: context, changed: changed, merge: merge, touch: touch)
            }
            if let failure { throw failure }
            return changed
        }
    }

    /// Writes `changed` into the newest version of `kind`/`id` through `merge`, by compare-and-set, keeping whatever
    /// lease the newest version holds.
    private func mergeAfterLostLease<Value: Codable & Sendable>(
        kind: String, id: String, context: String, changed: Value, merge: (inout Value, Value) -> Void, touch: Bool
    ) async throws -> Value {
        for _ in 0..<8 {
            guard let current = try await secrets.secret(kind: kind, id: id),
                  var latest = try? sealer.open(current.sealed, as: Value.self, boundTo: context)
            else { return changed }
            merge(&latest, changed)
            var next = current
            next.version += 1
            next.sealed = try sealer.seal(latest, boundTo: context)
            if touch { next.updatedAt = clock.now() }
            if try await secrets.putSecret(next, expectedVersion: current.version) { return latest }
        }
        return changed
    }

    static func workflowContext(_ workflowID: String, _ principal: String) -> String {
        "\(WorkflowAccounts.kind)/\(workflowID)/\(principal)"
    }

    static func connectionContext(_ connectionID: String, _ principal: String) -> String {
        "\(AccountConnection.kind)/\(connectionID)/\(principal)"
    }
}
