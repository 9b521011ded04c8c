/// `POST /v13/deployments`, `GET /v13/deployments/{idOrUrl}` and `PATCH /v12/deployments/{id}/cancel`.
enum VercelDeploymentHandlers {
    /// The body properties `POST /v13/deployments` accepts.
    static let createProperties: Set<String> = [
        "customEnvironmentSlugOrId", "deploymentId", "files", "gitMetadata", "gitSource", "meta", "monorepoManager",
        "name", "project", "projectSettings", "target", "withLatestCommit",
    ]
    /// The `projectSettings` properties accepted.
    static let projectSettingProperties: Set<String> = [
        "buildCommand", "commandForIgnoringBuildStep", "devCommand", "framework", "installCommand", "nodeVersion",
        "outputDirectory", "rootDirectory", "serverlessFunctionRegion", "skipGitConnectDuringLink",
        "sourceFilesOutsideRootDirectory",
    ]

    /// Creates a deployment from a GitHub source; 400 `incorrect_git_source_info` while the repository is missing
    /// or still empty. A deployment of the project named by the `failDeployment` fault will end in `ERROR`; one of
    /// the project named by the `aliasError` fault will be `READY` without its alias. Each fault is used up here.
    static func create(_ state: inout SandboxState, _ call: ProviderCall) throws(ProviderReply) -> ProviderReply {
        let scope = VercelScope(call)
        let members = try VercelRequestBody.members(of: call.body, allowed: createProperties, required: ["name"])
        let name = try VercelRequestBody.string(members, "name") ?? ""
        let projectReference = try VercelRequestBody.string(members, "project") ?? name
        guard let project = state.vercel.project(projectReference, in: scope) else {
            throw VercelErrorReply.projectNotFound
        }
        guard members["files"] == nil, members["deploymentId"] == nil else {
            throw VercelErrorReply.badRequest("The sandbox deploys from `gitSource` only.")
        }
        let target = try VercelRequestBody.string(members, "target")
        guard target == nil || target == "production" || target == "staging" else {
            throw VercelErrorReply.badRequest(
                "The sandbox does not imitate custom environments: use `production`, `staging` or no target.")
        }
        let meta = try metadata(members["meta"])
        let settings = try projectSettings(members["projectSettings"], project: project)
        guard let gitSourceValue = members["gitSource"] else {
            throw VercelErrorReply.badRequest("Invalid request: missing required property `gitSource`.")
        }
        let source = try VercelGitSourceResolver.resolve(gitSourceValue, state: state, now: call.now)

        let failsBuild = state.faults.failDeployment == project.name
        if failsBuild { state.faults.failDeployment = nil }
        let alias: String =
            switch target {
            case "production": project.productionAlias
            case "staging": "\(project.name)-staging-\(scope.slug).vercel.app"
            default: "\(project.name)-git-\(hostnameLabel(source.ref))-\(scope.slug).vercel.app"
            }
        var aliasFailure: VercelAliasFailure?
        if let fault = state.faults.aliasError, project.isNamed(fault.project) {
            aliasFailure = VercelAliasFailure(code: fault.code, alias: alias)
            state.faults.aliasError = nil
        }
        let deployment = VercelDeployment(
            id: state.identifiers.make(prefix: "dpl_", length: 28), projectID: project.id, projectName: project.name,
            scope: scope, url: "\(project.name)-\(state.identifiers.lowercase(length: 9))-\(scope.slug).vercel.app",
            target: target, meta: source.metadata.merging(meta) { _, requested in requested }, gitSource: source,
            projectSettings: settings, aliasWhenReady: alias, createdAt: call.now,
            buildSeconds: state.configuration.buildSeconds, failsBuild: failsBuild, aliasFailure: aliasFailure,
            creator: VercelCreator(call.caller))
        state.vercel.deployments.append(deployment)
        return ProviderReply(status: 200, body: deployment.json(phase: VercelDeployment.creationPhase))
    }

    /// The deployment by id or hostname, in its current phase; 404 when unknown in the request's scope.
    static func get(_ state: inout SandboxState, _ call: ProviderCall) throws(ProviderReply) -> ProviderReply {
        guard let deployment = state.vercel.deployment(call.parameter("idOrUrl"), in: VercelScope(call))
        else { throw VercelErrorReply.notFound("The deployment was not found") }
        return ProviderReply(status: 200, body: deployment.json(phase: deployment.phase(at: call.now)))
    }

    /// Cancels a deployment that is queued, initializing or building: 200 with the deployment, now `CANCELED`.
    /// One that has finished (`READY`, `ERROR`, `CANCELED`) answers 400 `deployment_not_cancelable` (Vercel's
    /// description documents 400 without saying when; what it answers for a finished deployment is not documented).
    /// 404 when unknown in the request's scope.
    static func cancel(_ state: inout SandboxState, _ call: ProviderCall) throws(ProviderReply) -> ProviderReply {
        let scope = VercelScope(call)
        guard let index = state.vercel.deployments.firstIndex(where: { $0.scope == scope && $0.id == call.parameter("id") }) else {
            throw VercelErrorReply.notFound("The deployment was not found")
        }
        let phase = state.vercel.deployments[index].phase(at: call.now)
        guard ["QUEUED", "INITIALIZING", "BUILDING"].contains(phase.readyState) else {
            throw VercelErrorReply.make(
                400, code: "deployment_not_cancelable",
                message: "The deployment is \(phase.readyState) and can no longer be canceled."
            )
        }
        state.vercel.deployments[index].canceledAt = call.now
        let deployment = state.vercel.deployments[index]
        return ProviderReply(status: 200, body: deployment.json(phase: deployment.phase(at: call.now)))
    }

    private static func metadata(_ value: JSONValue?) throws(ProviderReply) -> [String: String] {
        guard let value else { return [:] }
        guard let members = value.objectValue else {
            throw VercelErrorReply.badRequest("Invalid request: `meta` should be object.")
        }
        var meta: [String: String] = [:]
        for (key, entry) in members {
            guard let text = entry.stringValue else {
                throw VercelErrorReply.badRequest("Invalid request: `meta.\(key)` should be string.")
            }
            meta[key] = text
        }
        return meta
    }

    private static func projectSettings(
        _ value: JSONValue?, project: VercelProject
    ) throws(ProviderReply) -> [String: JSONValue] {
        var settings = project.settings
        settings["framework"] = .optional(project.framework)
        guard let value else { return settings }
        let members = try VercelRequestBody.object(value, allowed: projectSettingProperties, path: "projectSettings")
        try VercelRequestBody.checkOneOf(members, "framework", VercelFrameworks.all, nullable: true)
        return settings.merging(members) { _, requested in requested }
    }

    private static func hostnameLabel(_ text: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789")
        return String(text.lowercased().map { allowed.contains($0) ? $0 : "-" }.prefix(30))
    }
}
