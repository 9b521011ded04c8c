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
        await deleteExpiredWorkflowsIfDue(now: now)
        return InitResponse(workflowId: workflowID, token: token, definitionVersion: definitionVersion, apps: plan)
    }

    /// The stored workflow — all of it, or (with `app`) its own fields and that one app — when `token` authorizes it.
    /// - Parameters:
    ///   - app: read only this app (what one action's step needs: its cost does not grow with the workflow).
    ///   - includeHistory: read the history too (whole-workflow reads only).
    /// - Throws: `workflow_not_found` for an unknown id (whatever the token), `unauthorized` for a missing or wrong token.
    func authorizedRecord(
        _ workflowID: String, app: String? = nil, includeHistory: Bool = false, token: String?
    ) async throws -> WorkflowRecord {
        let found = if let app {
            try await store.fetch(id: workflowID, app: app)
        } else {
            try await store.fetch(id: workflowID, includeHistory: includeHistory)
        }
        guard let record = found, !isExpired(record, now: clock.now()) else {
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

    /// Whether the workflow outlived the TTL (and is answered as not found until a sweep deletes it).
    func isExpired(_ record: WorkflowRecord, now: Date) -> Bool {
        record.createdAt.addingTimeInterval(configuration.workflowTTL.timeInterval) < now
    }

    /// Deletes expired workflows, at most once per sweep interval per instance: a bounded piece of work
    /// amortized over `init` requests, instead of a background timer.
    func deleteExpiredWorkflowsIfDue(now: Date) async {
        guard expirySweep.claim(now: now) else { return }
        do {
            let deleted = try await store.deleteWorkflows(createdBefore: now.addingTimeInterval(-configuration.workflowTTL.timeInterval))
            if deleted > 0 { logger.info("expired workflows deleted", metadata: ["count": "\(deleted)"]) }
        } catch {
            logger.warning("deleting expired workflows failed", metadata: ["error": "\(String(reflecting: error))"])
        }
    }
}
