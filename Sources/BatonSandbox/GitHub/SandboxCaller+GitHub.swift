extension SandboxCaller {
    /// The GitHub login the caller acts as: the signed-in user, else the operator `baton-sandbox-user`.
    var gitHubLogin: String {
        if case .gitHubUser(let user) = self { return user.login }
        return GitHubWorld.authenticatedLogin
    }

    /// The signed-in GitHub user, nil for the operator.
    var gitHubUser: SandboxGitHubUser? {
        if case .gitHubUser(let user) = self { return user }
        return nil
    }

    /// Whether the caller may create repositories in `owner`: the operator anywhere (organizations it names are
    /// created on first use), a user only in its own account and its organizations where the App is installed.
    func mayCreateRepositories(in owner: String) -> Bool {
        gitHubUser?.mayCreateRepositories(in: owner) ?? true
    }

    /// Whether the caller sees the private repositories of `owner`: the operator sees all, a user those of its
    /// own account and organizations where the App is installed (a user token reaches only what the installation
    /// reaches, providers.md §6.2).
    func seesPrivateRepositories(of owner: String) -> Bool {
        gitHubUser?.mayCreateRepositories(in: owner) ?? true
    }
}
