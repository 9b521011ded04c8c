/// The read operations on repositories: a repository, its branch and its commits.
enum GitHubReadHandlers {
    /// `GET /repos/{owner}/{repo}`.
    static func repository(_ state: inout SandboxState, _ call: ProviderCall) throws(ProviderReply) -> ProviderReply {
        let repository = try visible(call, state.github, documentation: GitHubErrorReply.Documentation.getRepository)
        let body = repository.fullJSON(in: state.github, now: call.now, apiVersion: call.gitHubAPIVersion)
        return ProviderReply(status: 200, body: body)
    }

    /// `GET /repos/{owner}/{repo}/branches/{branch}`: 404 `Branch not found` while the repository is empty.
    static func branch(_ state: inout SandboxState, _ call: ProviderCall) throws(ProviderReply) -> ProviderReply {
        let documentation = GitHubErrorReply.Documentation.getBranch
        let repository = try visible(call, state.github, documentation: documentation)
        guard repository.isReady(at: call.now), call.parameter("branch") == repository.defaultBranch else {
            throw GitHubErrorReply.make(404, "Branch not found", documentation: documentation)
        }
        return ProviderReply(status: 200, body: repository.branchJSON(in: state.github))
    }

    /// `GET /repos/{owner}/{repo}/commits`: 409 `Git Repository is empty.` while the repository is empty.
    static func commits(_ state: inout SandboxState, _ call: ProviderCall) throws(ProviderReply) -> ProviderReply {
        let documentation = GitHubErrorReply.Documentation.listCommits
        let repository = try visible(call, state.github, documentation: documentation)
        guard repository.isReady(at: call.now) else {
            throw GitHubErrorReply.make(409, "Git Repository is empty.", documentation: documentation)
        }
        if let reference = call.query["sha"], reference != repository.defaultBranch, reference != repository.headSHA {
            throw GitHubErrorReply.make(404, "No commit found for SHA: \(reference)", documentation: documentation)
        }
        if let page = call.query["page"].flatMap(Int.init), page > 1 {
            return ProviderReply(status: 200, body: [])
        }
        return ProviderReply(status: 200, body: [repository.commitJSON(in: state.github)])
    }

    private static func visible(
        _ call: ProviderCall, _ world: GitHubWorld, documentation: String
    ) throws(ProviderReply) -> GitHubRepository {
        guard
            let repository = GitHubRoutes.visibleRepository(
                owner: call.parameter("owner"), name: call.parameter("repo"), in: world, call: call)
        else { throw GitHubErrorReply.notFound(documentation) }
        return repository
    }
}
