import Foundation
import Logging

extension WorkflowEngine {
    /// Plans and stores a new workflow, sealing its env values.
    func initialize(_ request: InitRequest) async throws -> InitResponse {
        let plan = PlanResolver.resolveWorkflowActions(
            config: request.config, envVars: request.envVars, catalog: catalog, definition: definition
        )
        let workflowID = SecretIdentifiers.newWorkflowID()
        let token = SecretIdentifiers.newToken()
        let now = clock.now()
        var sealedEnv: [String: Data] = [:]
        for (appID, values) in request.envVars where !values.isEmpty {
            sealedEnv[appID] = try sealer.seal(values, workflowID: workflowID, appID: appID)
        }
        let apps = plan.map { app in
            AppRecord(id: app.id, name: app.name, actions: app.actions.map { ActionRecord(planned: $0, at: now) })
        }
        let record = WorkflowRecord(
            id: workflowID, tokenHash: SecretIdentifiers.tokenHash(token), definitionVersion: definitionVersion,
            config: request.config, apps: apps, sealedEnv: sealedEnv, createdAt: now
        )
        try await store.insert(record)
        logger.info("workflow created", metadata: ["workflow": "\(workflowID)", "apps": "\(request.config.apps.joined(separator: ","))"])
        return InitResponse(workflowId: workflowID, token: token, definitionVersion: definitionVersion, apps: plan)
    }

    /// The stored workflow, when `token` authorizes it.
    /// - Throws: `workflow_not_found` for an unknown id (whatever the token), `unauthorized` for a missing or wrong token.
    func authorizedRecord(_ workflowID: String, token: String?) async throws -> WorkflowRecord {
        guard let record = try await store.fetch(id: workflowID) else {
            throw APIError(.workflowNotFound, "No workflow has the id '\(workflowID)'.",
                           details: [FieldIssue(path: "workflowId", message: "is not a known workflow")])
        }
        guard let token else {
            throw APIError(.unauthorized, "This request needs the header 'Authorization: Bearer <token>' with the token init returned.")
        }
        guard SecretIdentifiers.tokenMatches(token, expectedHash: record.tokenHash) else {
            throw APIError(.unauthorized, "The bearer token does not match this workflow.")
        }
        return record
    }
}
