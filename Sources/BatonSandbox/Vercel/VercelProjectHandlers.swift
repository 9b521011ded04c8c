/// `POST /v11/projects` and `GET /v9/projects/{idOrName}`.
enum VercelProjectHandlers {
    /// The body properties `POST /v11/projects` accepts (Vercel's schema has `additionalProperties: false`).
    static let createProperties: Set<String> = [
        "enablePreviewFeedback", "enableProductionFeedback", "previewDeploymentsDisabled", "buildCommand",
        "commandForIgnoringBuildStep", "devCommand", "environmentVariables", "framework", "gitRepository",
        "installCommand", "name", "skipGitConnectDuringLink", "ssoProtection", "outputDirectory", "publicSource",
        "rootDirectory", "serverlessFunctionRegion", "serverlessFunctionZeroConfigFailover", "oidcTokenConfig",
        "enableAffectedProjectsDeployments", "resourceConfig",
    ]
    /// The build settings a project keeps and echoes.
    static let settingNames = [
        "buildCommand", "commandForIgnoringBuildStep", "devCommand", "installCommand", "outputDirectory",
        "rootDirectory",
    ]

    /// `POST /v11/projects`: 409 for a taken name, 400 for unknown fields or a repository the GitHub App can't see.
    static func create(_ state: inout SandboxState, _ call: ProviderCall) throws(ProviderReply) -> ProviderReply {
        let scope = VercelScope(call)
        let members = try VercelRequestBody.members(of: call.body, allowed: createProperties, required: ["name"])
        let name = try VercelRequestBody.string(members, "name") ?? ""
        try checkProjectName(name)
        try VercelRequestBody.checkOneOf(members, "framework", VercelFrameworks.all, nullable: true)
        try VercelRequestBody.checkNullableStrings(members, settingNames + ["serverlessFunctionRegion"])
        var drafts: [VercelEnvironmentDraft] = []
        if let variables = members["environmentVariables"] {
            drafts = try VercelEnvironmentDraft.projectVariables(variables)
        }
        guard state.vercel.project(name, in: scope) == nil else {
            throw VercelErrorReply.make(
                409, code: "conflict", message: "A project with the provided name already exists.")
        }
        var link: VercelGitLink?
        if let repository = members["gitRepository"] {
            link = try gitLink(repository, state: &state)
        }
        var alias = "\(name).vercel.app"
        if state.vercel.isProductionAliasTaken(alias) { alias = "\(name)-\(scope.slug).vercel.app" }
        if state.vercel.isProductionAliasTaken(alias) {
            alias = "\(name)-\(state.identifiers.lowercase(length: 4)).vercel.app"
        }
        let project = VercelProject(
            id: state.identifiers.make(prefix: "prj_", length: 28), name: name, scope: scope,
            framework: members["framework"]?.stringValue, link: link,
            settings: members.filter { settingNames.contains($0.key) }, productionAlias: alias, createdAt: call.now,
            creator: VercelCreator(call.caller))
        state.vercel.projects.append(project)
        for draft in drafts {
            state.vercel.environmentVariables.append(
                draft.makeVariable(
                    id: state.identifiers.make(prefix: "", length: 16), projectID: project.id, now: call.now,
                    creator: project.creator))
        }
        return ProviderReply(status: 200, body: project.json(in: state.vercel))
    }

    /// `GET /v9/projects/{idOrName}`: the project, or 404 `not_found`.
    static func get(_ state: inout SandboxState, _ call: ProviderCall) throws(ProviderReply) -> ProviderReply {
        let project = try project(call, in: state.vercel)
        return ProviderReply(status: 200, body: project.json(in: state.vercel))
    }

    /// The project named by the `idOrName` path parameter in the request's scope, or a 404 reply.
    static func project(_ call: ProviderCall, in world: VercelWorld) throws(ProviderReply) -> VercelProject {
        guard let project = world.project(call.parameter("idOrName"), in: VercelScope(call)) else {
            throw VercelErrorReply.projectNotFound
        }
        return project
    }

    private static func checkProjectName(_ name: String) throws(ProviderReply) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        guard !name.isEmpty, name.count <= 100, name.allSatisfy(allowed.contains), !name.contains("---") else {
            throw VercelErrorReply.badRequest(
                "Project names can be up to 100 characters long and must be lowercase. They can include letters, "
                    + "digits, and the following characters: '.', '_', '-'. "
                    + "However, they cannot contain the sequence '---'."
            )
        }
    }

    private static func gitLink(_ value: JSONValue, state: inout SandboxState) throws(ProviderReply) -> VercelGitLink {
        let members = try VercelRequestBody.object(
            value, allowed: ["type", "repo"], required: ["type", "repo"], path: "gitRepository")
        try VercelRequestBody.checkOneOf(members, "type", ["github", "github-limited", "gitlab", "bitbucket"])
        guard members["type"]?.stringValue?.hasPrefix("github") == true else {
            throw VercelErrorReply.badRequest(
                "The sandbox imitates GitHub only: `gitRepository.type` must be `github`.")
        }
        let fullName = try VercelRequestBody.string(members, "repo") ?? ""
        let parts = fullName.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2,
            !state.faults.lacksGitHubApp(owner: parts[0]),
            let repository = state.github.repository(owner: parts[0], name: parts[1])
        else {
            throw VercelErrorReply.badRequest(
                "To link a GitHub repository, you need to install the GitHub integration first. Make sure there "
                    + "aren't any typos and that you have access to the repository if it's private.",
                extra: [
                    "action": "Install GitHub App", "link": "https://github.com/apps/vercel/installations/new",
                    "repo": .string(fullName),
                ])
        }
        let owner = state.github.account(repository.ownerLogin)
        return VercelGitLink(
            org: repository.ownerLogin, repo: repository.name, repoID: repository.id, repoOwnerID: owner.id,
            productionBranch: repository.defaultBranch,
            gitCredentialID: state.identifiers.make(prefix: "cred_", length: 40))
    }
}
