import Foundation
import Logging

extension WorkflowEngine {
    /// The user's own accounts an `init` asks for, checked against where they may deploy; `nil` when it asks for none.
    /// - Parameter connectionID: the SHA-256 of the request's `baton_connection` cookie, if it had one.
    /// - Throws: 409 `account_not_connected` (a `"connected"` provider this browser did not connect), 403
    ///   `owner_not_connected`, `github_app_not_installed` or `team_not_connected` (field paths name the config
    ///   member); nothing is stored.
    func resolveAccounts(_ request: InitRequest, principal: Principal, connectionID: String?) async throws -> WorkflowAccounts? {
        guard !request.accounts.isEmpty else { return nil }
        guard let vault = accountVault else {
            throw APIError(.validationFailed, "This server does not keep users' own accounts.", details: [
                FieldIssue(path: "accounts", message: "is not supported by this server"),
            ])
        }
        var connection: AccountConnection?
        if request.accounts.values.contains(.connected), let connectionID {
            connection = try await vault.connection(connectionID, principal: principal.id)?.0
        }
        var accounts: [AccountProviderKind: WorkflowAccounts.Account] = [:]
        var notConnected: [FieldIssue] = []
        for kind in AccountProviderKind.allCases {
            switch request.accounts[kind] {
            case .token(let token):
                let key = "token:" + SecretIdentifiers.tokenHash(token).prefix(24)
                accounts[kind] = WorkflowAccounts.Account(credential: AccountCredential(accessToken: token), accountKey: key)
            case .connected:
                guard let connected = connection?.usableAccount(kind) else {
                    notConnected.append(FieldIssue(
                        path: "accounts.\(kind.rawValue)",
                        message: "is not connected in this browser; connect your \(kind.displayName) account first"
                    ))
                    continue
                }
                accounts[kind] = WorkflowAccounts.Account(
                    credential: connected.credential, connectionID: connectionID, accountKey: connected.identity.login
                )
            case nil:
                continue
            }
        }
        guard notConnected.isEmpty else {
            throw APIError(.accountNotConnected, "Connect your accounts before deploying into them.", details: notConnected)
        }
        if case .connected = request.accounts[.github], let identity = connection?.usableAccount(.github)?.identity {
            try Self.checkOwner(request.config.github.owner, of: identity)
        }
        if case .connected = request.accounts[.vercel], let identity = connection?.usableAccount(.vercel)?.identity,
           let team = request.config.vercel?.teamID {
            try Self.checkTeam(team, of: identity)
        }
        return WorkflowAccounts(accounts: accounts)
    }

    private static func checkOwner(_ owner: String, of identity: AccountIdentity) throws(APIError) {
        guard let found = identity.owner(owner) else {
            let owners = identity.owners.map { $0.installed ? $0.login : "\($0.login) (App not installed)" }.joined(separator: ", ")
            throw APIError(
                .ownerNotConnected,
                "The connected GitHub account \(identity.login) cannot deploy into '\(owner)'; it can deploy into: \(owners).",
                details: [FieldIssue(path: "config.github.owner", message: "is not your GitHub login or one of your organizations")]
            )
        }
        guard found.installed else {
            let install = identity.installURL.map { " Install it at \($0) (choose \(found.login)), then deploy again." } ?? ""
            throw APIError(
                .githubAppNotInstalled,
                "Baton's GitHub App is not installed on \(found.login), so your token cannot create repositories there.\(install)",
                details: [FieldIssue(path: "config.github.owner", message: "needs Baton's GitHub App installed")]
            )
        }
    }

    private static func checkTeam(_ team: String, of identity: AccountIdentity) throws(APIError) {
        guard identity.teams.contains(where: { $0.id == team }) else {
            let teams = identity.teams.map(\.id).joined(separator: ", ")
            throw APIError(
                .teamNotConnected,
                "The connected Vercel account \(identity.login) is not a member of '\(team)'; its teams: \(teams.isEmpty ? "none" : teams).",
                details: [FieldIssue(path: "config.vercel.teamId", message: "is not one of your Vercel teams")]
            )
        }
    }

    /// The access tokens a step of `record` uses: `nil` when it deploys with the server's tokens, else its own
    /// accounts' tokens, valid until a minute after `stepDeadline`.
    func accountTokens(for record: WorkflowRecord, stepDeadline: Date, deadline: Date) async -> Result<AccountTokens?, ActionFailure> {
        guard record.ownAccounts == true else { return .success(nil) }
        guard let vault = accountVault, let principal = record.principal else { return .failure(AccountVaultError.missing.failure) }
        do {
            return .success(try await vault.tokens(
                workflowID: record.id, principal: principal, until: stepDeadline.addingTimeInterval(60), deadline: deadline
            ))
        } catch let error as AccountVaultError {
            logger.notice("account tokens unavailable", metadata: ["workflow": "\(record.id)", "code": "\(error.failure.code)"])
            return .failure(error.failure)
        } catch {
            return .failure(ActionFailure(
                code: "store_unavailable", message: "The workflow's account tokens could not be read.", retryable: true,
                fix: "Trigger the action again."
            ))
        }
    }

    /// Erases the workflow's own account tokens once it no longer needs them: every action succeeded, or it was
    /// canceled and nothing is left to stop. A failed workflow keeps them, since its actions may be retried.
    /// - Parameter record: the workflow as stored; a record holding one app is read whole when that app succeeded.
    func eraseAccountsIfFinished(_ record: WorkflowRecord) async {
        guard record.ownAccounts == true, let vault = accountVault else { return }
        if record.canceled {
            guard !record.hasPendingStops else { return }
        } else {
            guard record.apps.allSatisfy(\.hasSucceeded) else { return }
            // The record may hold one app: every other app must have succeeded too (a workflow gone needs nothing).
            if let whole = try? await store.fetch(id: record.id, includeHistory: false),
               !whole.apps.allSatisfy(\.hasSucceeded), !(whole.canceled && !whole.hasPendingStops) {
                return
            }
        }
        do {
            try await vault.eraseAccounts(workflowID: record.id)
            logger.info("account tokens erased", metadata: ["workflow": "\(record.id)"])
        } catch {
            logger.warning("erasing account tokens failed; they expire with the workflow", metadata: [
                "workflow": "\(record.id)", "error": "\(String(reflecting: type(of: error)))",
            ])
        }
    }
}
