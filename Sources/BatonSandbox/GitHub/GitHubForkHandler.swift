import Foundation

/// `POST /repos/{owner}/{repo}/forks`: asynchronous forking as GitHub does it.
///
/// An existing fork of the same network in the destination is returned unchanged (202, old `created_at`);
/// a name taken by another repository gets `-1`, `-2`…; the new fork stays empty for `forkSeconds`.
/// The `secondaryRateLimit` and `readOnlyOwner` faults refuse it with 403, and so does a user access token forking
/// outside its own account and organizations where the App is installed.
enum GitHubForkHandler {
    private static let documentation = GitHubErrorReply.Documentation.createFork
    /// The fine-grained permissions GitHub's documentation lists for creating a fork.
    static let acceptedPermissions = "administration=write,contents=read"

    /// Serves the fork request.
    static func createFork(_ state: inout SandboxState, _ call: ProviderCall) throws(ProviderReply) -> ProviderReply {
        let options = try GitHubContentCreation.checkedOptions(
            &state, call, required: false,
            fields: [("organization", .string), ("name", .string), ("default_branch_only", .boolean)],
            documentation: documentation)
        guard
            let source = GitHubRoutes.visibleRepository(
                owner: call.parameter("owner"), name: call.parameter("repo"), in: state.github, call: call)
        else { throw GitHubErrorReply.notFound(documentation) }

        let destinationLogin = try GitHubContentCreation.writableOwner(
            requested: options["organization"]?.stringValue, call: call, state: state, documentation: documentation,
            acceptedPermissions: acceptedPermissions)
        let destination = state.github.account(destinationLogin)
        guard destination.login.lowercased() != source.ownerLogin.lowercased() else {
            throw GitHubErrorReply.make(
                422, "Validation Failed", documentation: documentation,
                errors: [
                    ["resource": "Fork", "code": "custom", "message": "Cannot fork a repository into its own account"]
                ])
        }
        let root = state.github.networkRoot(of: source)
        let existing = state.github.repositories.first { candidate in
            candidate.isFork && candidate.ownerLogin.lowercased() == destination.login.lowercased()
                && state.github.networkRoot(of: candidate).id == root.id
        }
        if let existing {
            return reply(existing, state: state, call: call)
        }
        let requestedName = GitHubRequestBody.repositoryName(options["name"]?.stringValue ?? source.name)
        let fork = state.github.add(
            name: state.github.freeName(requestedName, owner: destination.login), owner: destination.login,
            description: source.description, isPrivate: source.isPrivate, isTemplate: false,
            defaultBranch: source.defaultBranch, createdAt: call.now,
            readyAt: call.now.addingTimeInterval(state.configuration.forkSeconds),
            parentID: source.id, templateID: nil, headSHA: source.headSHA)
        return reply(fork, state: state, call: call)
    }

    private static func reply(_ fork: GitHubRepository, state: SandboxState, call: ProviderCall) -> ProviderReply {
        ProviderReply(
            status: 202, body: fork.fullJSON(in: state.github, now: call.now, apiVersion: call.gitHubAPIVersion))
    }
}
