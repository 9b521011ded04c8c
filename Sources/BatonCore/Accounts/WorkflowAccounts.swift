import Foundation

/// The user's own accounts a workflow deploys into: one credential per provider, stored sealed beside the workflow
/// (``SealedSecretStore`` kind ``kind``) and erased when it succeeds, is canceled or expires.
public struct WorkflowAccounts: Codable, Sendable, Hashable {
    /// The ``SealedSecret/kind`` of workflow accounts.
    public static let kind = "workflow-accounts"

    /// One provider's account in the workflow.
    public struct Account: Codable, Sendable, Hashable {
        /// The tokens (the workflow's own copy).
        public var credential: AccountCredential
        /// The connection the credential was copied from, when it came from the browser's connection rather than a
        /// pasted token: renewals go through that connection's grant, the one chain of refresh tokens the provider keeps
        /// per authorization, so the connection and every workflow copied from it stay usable.
        public var connectionID: String?
        /// A name for the account that reveals nothing secret (the GitHub login when known), which keys what Baton
        /// paces per account.
        public var accountKey: String

        public init(credential: AccountCredential, connectionID: String? = nil, accountKey: String) {
            self.credential = credential
            self.connectionID = connectionID
            self.accountKey = accountKey
        }
    }

    /// The accounts by provider.
    public var accounts: [AccountProviderKind: Account]

    public init(accounts: [AccountProviderKind: Account]) {
        self.accounts = accounts
    }
}

/// What an action uses of a workflow's own accounts in one step: access tokens valid for the step, and the keys that
/// name the accounts. Secret: never log it.
public struct AccountTokens: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The access token per provider.
    public var accessTokens: [AccountProviderKind: String]
    /// The ``WorkflowAccounts/Account/accountKey`` per provider.
    public var accountKeys: [AccountProviderKind: String]

    public init(accessTokens: [AccountProviderKind: String], accountKeys: [AccountProviderKind: String]) {
        self.accessTokens = accessTokens
        self.accountKeys = accountKeys
    }

    public var description: String { "AccountTokens(\(accessTokens.keys.map(\.rawValue).sorted()), <redacted>)" }
    public var debugDescription: String { description }
}
