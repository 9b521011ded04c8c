import Foundation

/// `POST /repos/{template_owner}/{template_repo}/generate`: a new repository from a template.
///
/// As on GitHub, a taken name is a 422 (`Could not clone: Name already exists on this account`), so callers
/// converge by checking `GET /repos/{owner}/{name}` first; the new repository stays empty for `forkSeconds`.
/// A source that exists but is not a template is a 422 too (`Could not clone: OWNER/REPO is not a template
/// repository.`); only a missing or invisible one is 404. The `secondaryRateLimit` and `readOnlyOwner` faults
/// refuse it with 403, and so does a user access token generating outside its own account and organizations where
/// the App is installed.
enum GitHubGenerateHandler {
    private static let documentation = GitHubErrorReply.Documentation.generate
    /// The fine-grained permission GitHub's documentation lists for creating a repository from a template.
    static let acceptedPermissions = "administration=write"

    /// Serves the generate request.
    static func generate(_ state: inout SandboxState, _ call: ProviderCall) throws(ProviderReply) -> ProviderReply {
        let options = try GitHubContentCreation.checkedOptions(
            &state, call, required: true,
            fields: [
                ("name", .string), ("owner", .string), ("description", .string), ("include_all_branches", .boolean),
                ("private", .boolean),
            ],
            documentation: documentation)
        guard let requestedName = options["name"]?.stringValue, !requestedName.isEmpty else {
            throw GitHubErrorReply.invalidRequest("\"name\" wasn't supplied.", documentation: documentation)
        }
        guard
            let template = GitHubRoutes.visibleRepository(
                owner: call.parameter("template_owner"), name: call.parameter("template_repo"), in: state.github,
                call: call)
        else { throw GitHubErrorReply.notFound(documentation) }
        let ownerLogin = try GitHubContentCreation.writableOwner(
            requested: options["owner"]?.stringValue, call: call, state: state, documentation: documentation,
            acceptedPermissions: acceptedPermissions)
        guard template.isTemplate else {
            throw couldNotClone("Could not clone: \(template.fullName) is not a template repository.")
        }

        let owner = state.github.account(ownerLogin)
        let name = GitHubRequestBody.repositoryName(requestedName)
        guard state.github.repository(owner: owner.login, name: name) == nil else {
            throw couldNotClone("Could not clone: Name already exists on this account")
        }
        let generated = state.github.add(
            name: name, owner: owner.login, description: options["description"]?.stringValue,
            isPrivate: options["private"]?.boolValue ?? false, isTemplate: false, defaultBranch: template.defaultBranch,
            createdAt: call.now, readyAt: call.now.addingTimeInterval(state.configuration.forkSeconds),
            parentID: nil, templateID: template.id, headSHA: state.identifiers.hex(length: 40))
        var reply = ProviderReply(
            status: 201,
            body: generated.fullJSON(in: state.github, now: call.now, apiVersion: call.gitHubAPIVersion))
        reply.headers["location"] = "https://api.github.com/repos/\(generated.fullName)"
        return reply
    }

    /// GitHub's 422 for a generate it refuses: the message, repeated as the only (plain string) item of `errors`.
    private static func couldNotClone(_ message: String) -> ProviderReply {
        GitHubErrorReply.make(422, message, documentation: documentation, errors: [.string(message)])
    }
}
