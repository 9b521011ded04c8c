import BatonCore

/// `deploy`: creates a production deployment of the repository's default branch, tagged with the workflow id
/// in its `meta`, and follows it until it is `READY` with its alias assigned.
///
/// It converges: before creating, it looks for a deployment of this project tagged with this workflow and app
/// that has not failed, and follows that one instead; once created, the deployment is recorded, so a request cut
/// off later follows it rather than creating another.
///
/// Its phases are bounded separately (``timeouts``): `repository`, waiting for Vercel to see the new repository
/// (5 minutes: Vercel answers `incorrect_git_source_info` both while a fork propagates and when its GitHub App cannot
/// see the repository); `queue`, `QUEUED` or `INITIALIZING` behind other builds (60 minutes: small plans build one
/// deployment at a time); `build`, from `BUILDING` (50 minutes: Vercel stops builds at 45, vercel.com/docs/limits);
/// `alias`, `READY` until the production alias is assigned (10 minutes). The whole attempt is bounded at 2 hours.
/// Canceling the workflow cancels the deployments still queued or building (`PATCH /v12/deployments/{id}/cancel`).
struct DeployAction: ProviderStepAction {
    let clients: ProviderClients

    enum State: Codable, Sendable {
        case begin
        case following(deploymentID: String, readyState: String?, inspectorUrl: String?)
    }

    /// The phase names, as `--action-timeout deploy.PHASE=…` takes them.
    enum Phase {
        static let repository = "repository"
        static let queue = "queue"
        static let build = "build"
        static let alias = "alias"
    }

    var initialState: State { .begin }

    var timeouts: ActionTimeouts {
        // Waiting in Vercel's queue for a build slot (a plan builds a few deployments at a time) is waiting for capacity:
        // bounded by its own phase, not counted against the attempt.
        ActionTimeouts(attempt: .seconds(7200), phases: [
            Phase.repository: .seconds(300), Phase.queue: .seconds(3600), Phase.build: .seconds(3000), Phase.alias: .seconds(600),
        ], capacityPhases: [Phase.queue])
    }

    /// The `meta` keys a deployment is tagged with.
    static let workflowMetaKey = "batonWorkflowId"
    static let appMetaKey = "batonApp"

    func phase(of state: State) -> String? {
        switch state {
        case .begin: Phase.repository
        case .following(_, let readyState, _):
            switch readyState ?? "QUEUED" {
            case "BUILDING": Phase.build
            case "READY": Phase.alias
            default: Phase.queue
            }
        }
    }

    func details(of state: State) -> [String: JSONValue] {
        guard case .following(let id, let readyState, let inspectorUrl) = state else { return [:] }
        return [
            "deploymentId": .string(id),
            "readyState": .string(readyState ?? "QUEUED"),
            "inspectorUrl": inspectorUrl.map(JSONValue.string) ?? .null,
        ]
    }

    func advance(_ state: State, context: ActionContext) async throws -> ProviderStep<State> {
        let team = clients.teamID(context)
        switch state {
        case .begin:
            let project = try context.output(CreateProjectOutput.self)
            let repository = try context.output(ForkRepositoryOutput.self)
            let meta = meta(context)
            let earlier = try await clients.vercel(for: context).productionDeployments(projectID: project.projectID, meta: meta, teamID: team)
            if let live = earlier.first(where: { !$0.isUnusable }) {
                return .next(following(live), message: "Following the Vercel deployment \(live.id)")
            }
            switch try await clients.vercel(for: context).createProductionDeployment(
                projectName: project.name, projectID: project.projectID, repositoryID: repository.repositoryID,
                ref: repository.defaultBranch, meta: meta, teamID: team
            ) {
            case .created(let deployment):
                return .next(following(deployment), message: "Created the Vercel deployment \(deployment.id)")
            case .gitSourceNotReady(let message):
                return .wait(.begin, after: .seconds(3), message: "Waiting for Vercel to see \(repository.fullName) (Vercel said: \(message))",
                             ifDeadlinePasses: gitSourceUnavailable(repository.fullName, owner: context.config.github.owner, message: message))
            }
        case .following(let id, _, _):
            return try evaluate(try await clients.vercel(for: context).deployment(id, teamID: team))
        }
    }

    func stopWork(in state: State, context: ActionContext) async throws -> StopOutcome {
        let team = clients.teamID(context)
        var candidates: [String] = []
        if case .following(let id, _, _) = state { candidates.append(id) }
        if let project = try? context.output(CreateProjectOutput.self) {
            let tagged = try await clients.vercel(for: context).productionDeployments(projectID: project.projectID, meta: meta(context), teamID: team)
            candidates += tagged.filter { !$0.isFinished }.map(\.id).filter { !candidates.contains($0) }
        }
        var canceled: [String] = []
        for id in candidates where try await clients.vercel(for: context).cancelDeployment(id, teamID: team) {
            canceled.append(id)
        }
        guard !canceled.isEmpty else { return .nothingToStop }
        let noun = canceled.count == 1 ? "deployment" : "deployments"
        return .stopped("canceled the Vercel \(noun) \(canceled.joined(separator: ", "))")
    }

    private func meta(_ context: ActionContext) -> [String: String] {
        [Self.workflowMetaKey: context.workflowID, Self.appMetaKey: context.app.id]
    }

    private func following(_ deployment: VercelDeployment) -> State {
        .following(deploymentID: deployment.id, readyState: deployment.readyState, inspectorUrl: deployment.inspectorURL)
    }

    private func evaluate(_ deployment: VercelDeployment) throws -> ProviderStep<State> {
        let state = deployment.readyState ?? "QUEUED"
        if deployment.hasFailed {
            let logs = deployment.inspectorURL.map { "the build log at \($0)" } ?? "the build log on vercel.com"
            return .failed(ActionFailure(
                code: deployment.errorCode ?? "deployment_\(state.lowercased())",
                message: "The Vercel deployment \(deployment.id) ended \(state): \(deployment.errorMessage ?? "no message")",
                retryable: true,
                fix: "Read \(logs); fix what it names in the repository if needed, then trigger deploy again (it starts a new deployment)."
            ), in: following(deployment))
        }
        if state == "READY", let aliasError = deployment.aliasError {
            let certificate = aliasError.code == "cert_missing"
            return .failed(ActionFailure(
                code: "alias_failed",
                message: "The Vercel deployment \(deployment.id) is ready at https://\(deployment.url), but Vercel could not point the production domain at it (\(aliasError.code)): \(aliasError.message)",
                retryable: certificate,
                fix: certificate
                    ? "Vercel is still issuing the TLS certificate for the production domain; trigger deploy again in a few minutes (it starts a new deployment)."
                    : "Check the project's Domains settings on Vercel for the domain the message names, then trigger deploy again."
            ), in: following(deployment))
        }
        if state == "READY" && deployment.aliasAssigned == true {
            let host = deployment.alias?.first ?? deployment.url
            let output = DeployOutput(deploymentID: deployment.id, url: "https://\(host)", inspectorURL: deployment.inspectorURL)
            return try .succeeded(output, message: "Live at \(output.url)")
        }
        let detail = switch state {
        case "READY": "assigning the production domain"
        case "BUILDING": "building"
        default: "\(state.lowercased()), waiting for a build slot"
        }
        return .wait(following(deployment), after: .seconds(1), message: "Vercel deployment \(detail)")
    }

    private func gitSourceUnavailable(_ repository: String, owner: String, message: String) -> ActionFailure {
        ActionFailure(
            code: "git_source_unavailable",
            message: "Vercel still cannot read \(repository). Vercel said: \(message)",
            retryable: false,
            fix: "Install the Vercel GitHub App for \(owner) with access to all repositories, or grant it \(repository) (https://github.com/apps/vercel), then trigger deploy again."
        )
    }
}
