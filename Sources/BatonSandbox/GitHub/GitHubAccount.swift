/// A GitHub user or organization known to the sandbox.
struct GitHubAccount: Sendable, Equatable {
    /// Whether the account is a person or an organization (`type` in GitHub's JSON).
    enum Kind: String, Sendable {
        case user = "User"
        case organization = "Organization"
    }

    /// The login, with the case it was created with.
    let login: String
    /// The numeric id.
    let id: Int
    /// User or organization.
    let kind: Kind

    /// The GraphQL node id GitHub would show for this account.
    var nodeID: String {
        (kind == .user ? "U_kgDO" : "O_kgDO") + String(id)
    }
}
