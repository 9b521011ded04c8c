/// Why a workflow's own accounts cannot give a step its tokens.
public enum AccountVaultError: Error, Sendable, Equatable {
    /// The workflow's accounts are not stored (erased, or never stored).
    case missing
    /// They do not open with the server's key.
    case unreadable
    /// The provider refused to renew the grant (revoked, expired, refresh token used): the user must connect again.
    case reauthorize(AccountProviderKind, String)
    /// The provider could not be reached to renew the token.
    case unavailable(AccountProviderKind, String)
    /// Another request is renewing the tokens and did not finish within this request's budget.
    case busy

    /// The action failure this error ends a step with.
    public var failure: ActionFailure {
        switch self {
        case .missing:
            ActionFailure(
                code: "accounts_missing", message: "This workflow's account tokens are no longer stored.", retryable: false,
                fix: "Start a new workflow with your accounts connected."
            )
        case .unreadable:
            ActionFailure(
                code: "secrets_unreadable", message: "The workflow's account tokens cannot be decrypted with the server's key.",
                retryable: false, fix: "Start a new workflow; the server's BATON_SECRET_KEY changed since this one was stored."
            )
        case .reauthorize(let kind, let message):
            ActionFailure(
                code: "account_reauthorization_required",
                message: "\(kind.displayName) no longer accepts your connected account's authorization: \(message)",
                retryable: false,
                fix: "Connect your \(kind.displayName) account again (or give a new token), then start a new workflow."
            )
        case .unavailable(let kind, let message):
            ActionFailure(
                code: "account_renewal_unavailable",
                message: "Could not renew your \(kind.displayName) token: \(message)", retryable: true,
                fix: "Trigger the action again in a minute."
            )
        case .busy:
            ActionFailure(
                code: "account_renewal_busy", message: "Another request is renewing this workflow's account tokens.",
                retryable: true, fix: "Trigger the action again."
            )
        }
    }
}
