import BatonCore

/// `deploy`: creates a production deployment of the repository's default branch, tagged with the workflow id
/// in its `meta`, and follows it until it is `READY` with its alias assigned.
///
/// It converges: before creating, it looks for a deployment of this project tagged with this workflow and app
/// that has not failed, and follows that one instead.
struct DeployAction: ProviderStepAction {
    let clients: ProviderClients

    enum State: Codable, Sendable {
        case begin
        case following(deploymentID: String)
    }

    var initialState: State { .begin }

    /// The `meta` keys a deployment is tagged with.
    static let workflowMetaKey = "batonWorkflowId"
    static let appMetaKey = "batonApp"

    func advance(_ state: State, context: ActionContext) async throws -> ProviderStep<State> {
        let team = clients.teamID(context.config)
        switch state {
        case .begin:
            let projectID = try context.requiredString(WorkflowDefinition.ActionID.createProject, "projectId")
            let projectName = try context.requiredString(WorkflowDefinition.ActionID.createProject, "name")
            let repositoryID = try context.requiredInteger(WorkflowDefinition.ActionID.forkRepository, "repositoryId")
            let branch = try context.requiredString(WorkflowDefinition.ActionID.forkRepository, "defaultBranch")
            let meta = [Self.workflowMetaKey: context.workflowID, Self.appMetaKey: context.app.id]
            let earlier = try await clients.vercel.productionDeployments(projectID: projectID, meta: meta, teamID: team)
            if let live = earlier.first(where: { !$0.hasFailed }) {
                return evaluate(live)
            }
            switch try await clients.vercel.createProductionDeployment(
                projectName: projectName, projectID: projectID, repositoryID: repositoryID, ref: branch, meta: meta, teamID: team
            ) {
            case .created(let deployment):
                return evaluate(deployment)
            case .gitSourceNotReady:
                return .wait(.begin, after: .seconds(2), message: "Waiting for Vercel to see the new repository")
            }
        case .following(let id):
            return evaluate(try await clients.vercel.deployment(id, teamID: team))
        }
    }

    private func evaluate(_ deployment: VercelDeployment) -> ProviderStep<State> {
        let state = deployment.readyState ?? "QUEUED"
        if deployment.hasFailed {
            return .failed(ActionFailure(
                code: deployment.errorCode ?? "deployment_\(state.lowercased())",
                message: "The Vercel deployment \(deployment.id) ended \(state): \(deployment.errorMessage ?? "no message")",
                retryable: true
            ))
        }
        if state == "READY" && deployment.aliasAssigned == true {
            let host = deployment.alias?.first ?? deployment.url
            return .succeeded(outputs: [
                "deploymentId": .string(deployment.id),
                "url": .string("https://\(host)"),
                "inspectorUrl": deployment.inspectorUrl.map(JSONValue.string) ?? .null,
            ], message: "Live at https://\(host)")
        }
        let detail = state == "READY" ? "assigning the production domain" : state.lowercased()
        return .wait(.following(deploymentID: deployment.id), after: .seconds(1), message: "Vercel deployment \(detail)")
    }
}
