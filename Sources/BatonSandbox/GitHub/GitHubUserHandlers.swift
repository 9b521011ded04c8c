import Foundation

/// The operations on the token's own user: `GET /user`, `GET /user/installations` and `GET /user/orgs`.
///
/// A user access token issued through the sandbox's GitHub App answers for its user (`octo-alice`, `octo-bob`);
/// any other accepted token for the operator `baton-sandbox-user`.
enum GitHubUserHandlers {
    /// The id of the GitHub App `baton-sandbox` (`app_id` of its installations).
    static let appID = 900_001
    /// The permissions the App is installed with: what forking and generating need (providers.md §6.2).
    static let appPermissions: JSONValue = ["administration": "write", "contents": "write", "metadata": "read"]

    /// `GET /user`: the token's user.
    static func authenticatedUser(_ state: inout SandboxState, _ call: ProviderCall) -> ProviderReply {
        let createdAt = state.github.repositories.first?.createdAt ?? call.now
        guard let user = call.caller?.gitHubUser, let account = state.github.existingAccount(user.login) else {
            return ProviderReply(
                status: 200,
                body: state.github.authenticatedUser.privateUserJSON(name: "Baton Sandbox User", createdAt: createdAt))
        }
        return ProviderReply(status: 200, body: account.privateUserJSON(name: user.name, createdAt: createdAt))
    }

    /// `GET /user/installations`: the App's installations the user's token reaches (its account and organizations
    /// where the App is installed). Only user access tokens may ask; other tokens get 403.
    static func installations(
        _ state: inout SandboxState, _ call: ProviderCall
    ) throws(ProviderReply) -> ProviderReply {
        guard let user = call.caller?.gitHubUser else {
            throw GitHubErrorReply.make(
                403,
                "You must authenticate with an access token authorized to a GitHub App in order to list installations",
                documentation: documentation)
        }
        let createdAt = state.github.repositories.first?.createdAt ?? call.now
        var installed: [(login: String, installationID: Int)] = []
        if let id = user.installationID { installed.append((user.login, id)) }
        for organization in user.organizations {
            if let id = organization.installationID { installed.append((organization.login, id)) }
        }
        let page = isLaterPage(call) ? [] : installed
        let items = page.compactMap { login, id in
            state.github.existingAccount(login).map { installationJSON(id: id, account: $0, createdAt: createdAt) }
        }
        return ProviderReply(status: 200, body: ["total_count": .int(installed.count), "installations": .array(items)])
    }

    /// `GET /user/orgs`: the organizations the token's user belongs to, the App installed there or not (none for
    /// the operator, whose organizations are made on first use).
    static func organizations(_ state: inout SandboxState, _ call: ProviderCall) -> ProviderReply {
        let organizations = isLaterPage(call) ? [] : call.caller?.gitHubUser?.organizations ?? []
        let items = organizations.compactMap { state.github.existingAccount($0.login)?.organizationJSON }
        return ProviderReply(status: 200, body: .array(items))
    }

    private static let documentation =
        "https://docs.github.com/rest/apps/installations#list-app-installations-accessible-to-the-user-access-token"

    /// Whether the request asks for a page after the first (every list fits on one).
    private static func isLaterPage(_ call: ProviderCall) -> Bool {
        (call.query["page"].flatMap(Int.init) ?? 1) > 1
    }

    private static func installationJSON(id: Int, account: GitHubAccount, createdAt: Date) -> JSONValue {
        let created = JSONValue.string(GitHubTimestamp.format(createdAt))
        let settings =
            account.kind == .organization
            ? "https://github.com/organizations/\(account.login)/settings/installations/\(id)"
            : "https://github.com/settings/installations/\(id)"
        return [
            "id": .int(id), "account": account.simpleUserJSON, "app_id": .int(appID),
            "app_slug": .string(OAuthApp.gitHubAppSlug), "client_id": .string(OAuthApp.gitHub.clientID),
            "target_id": .int(account.id), "target_type": .string(account.kind.rawValue),
            "access_tokens_url": .string("https://api.github.com/app/installations/\(id)/access_tokens"),
            "repositories_url": "https://api.github.com/installation/repositories", "html_url": .string(settings),
            "permissions": appPermissions, "events": [], "repository_selection": "all", "single_file_name": nil,
            "has_multiple_single_files": false, "single_file_paths": [], "created_at": created, "updated_at": created,
            "suspended_at": nil, "suspended_by": nil,
        ]
    }
}
