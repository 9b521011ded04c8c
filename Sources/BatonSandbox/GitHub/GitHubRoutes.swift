/// The GitHub operations the sandbox imitates, with the path templates of GitHub's OpenAPI description.
enum GitHubRoutes {
    /// Every imitated GitHub operation.
    static let all: [ProviderRoute] = [
        ProviderRoute("GET", "/user", handle: GitHubUserHandlers.authenticatedUser),
        ProviderRoute("GET", "/user/installations", handle: GitHubUserHandlers.installations),
        ProviderRoute("GET", "/user/orgs", handle: GitHubUserHandlers.organizations),
        ProviderRoute(
            "GET", "/repos/{owner}/{repo}", requiresAuthentication: false, handle: GitHubReadHandlers.repository),
        ProviderRoute("POST", "/repos/{owner}/{repo}/forks", handle: GitHubForkHandler.createFork),
        ProviderRoute(
            "POST", "/repos/{template_owner}/{template_repo}/generate", handle: GitHubGenerateHandler.generate),
        ProviderRoute(
            "GET", "/repos/{owner}/{repo}/branches/{branch}", requiresAuthentication: false,
            handle: GitHubReadHandlers.branch),
        ProviderRoute(
            "GET", "/repos/{owner}/{repo}/commits", requiresAuthentication: false, handle: GitHubReadHandlers.commits),
    ]

    /// The repository `owner/name` if the caller may see it: anonymous callers see public repositories only, user
    /// access tokens the private ones their installations reach; GitHub answers 404 for the rest (providers.md §6.2).
    static func visibleRepository(
        owner: String, name: String, in world: GitHubWorld, call: ProviderCall
    ) -> GitHubRepository? {
        guard let repository = world.repository(owner: owner, name: name) else { return nil }
        guard repository.isPrivate else { return repository }
        guard let caller = call.caller, caller.seesPrivateRepositories(of: repository.ownerLogin) else { return nil }
        return repository
    }
}
