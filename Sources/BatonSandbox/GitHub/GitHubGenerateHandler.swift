import Foundation

/// `POST /repos/{template_owner}/{template_repo}/generate`: a new repository from a template.
///
/// As on GitHub, a taken name is a 422 (`Could not clone: Name already exists on this account`), so callers
/// converge by checking `GET /repos/{owner}/{name}` first; the new repository stays empty for `forkSeconds`.
enum GitHubGenerateHandler {
    private static let documentation = GitHubErrorReply.Documentation.generate

    /// Serves the generate request.
    static func generate(_ state: inout SandboxState, _ call: ProviderCall) throws(ProviderReply) -> ProviderReply {
        let options = try GitHubRequestBody.members(of: call.body, required: true, documentation: documentation)
        try GitHubRequestBody.checkTypes(
            options,
            [
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
                call: call),
            template.isTemplate
        else { throw GitHubErrorReply.notFound(documentation) }

        let owner = state.github.account(options["owner"]?.stringValue ?? GitHubWorld.authenticatedLogin)
        let name = GitHubRequestBody.repositoryName(requestedName)
        guard state.github.repository(owner: owner.login, name: name) == nil else {
            let message = "Could not clone: Name already exists on this account"
            throw GitHubErrorReply.make(422, message, documentation: documentation, errors: [.string(message)])
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
}
