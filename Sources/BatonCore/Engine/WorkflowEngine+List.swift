import Foundation

extension WorkflowEngine {
    /// The most workflows one `GET /api/workflows` returns, and its default.
    public static let workflowListLimits = (default: 50, most: 200)

    /// `GET /api/workflows`: the workflows the credential's principal started, newest first, at most `limit`.
    /// - Parameters:
    ///   - bearerToken: the principal's credential (an API key or a JWT; a workflow's own token is not one).
    ///   - limit: from 1 to ``workflowListLimits``' `most`.
    /// - Throws: 401 as `init` does; 404 `not_found` under `--auth none`, where nobody proves who they are (an
    ///   address is shared by many people).
    public func listWorkflows(bearerToken: String?, clientAddress: String?, limit: Int) async throws -> WorkflowList {
        let principal = try await authenticator.principal(credential: bearerToken, clientAddress: clientAddress)
        guard principal.provesIdentity else {
            throw APIError(
                .notFound,
                "GET /api/workflows is not served by a server started with --auth none: nobody proves who they are. Reach a workflow with the token init returned."
            )
        }
        let ids = try await store.workflowIDs(principal: principal.id, createdSince: oldestLiveCreation(now: clock.now()), limit: limit)
        var summaries: [WorkflowSummary] = []
        for id in ids {
            // A workflow deleted between the two reads (its TTL passed) is left out.
            guard let record = try await store.fetch(id: id, includeHistory: false) else { continue }
            summaries.append(WorkflowSummary(
                workflowID: record.id,
                state: record.shownState,
                apps: record.apps.map { app in
                    WorkflowSummary.App(id: app.id, name: app.name, state: app.actions.map(\.state).summarized())
                },
                createdAt: record.createdAt
            ))
        }
        return WorkflowList(workflows: summaries)
    }

    /// How many workflows are open — not canceled, an app not yet succeeded, not expired — whoever started them, as the
    /// store counts them (so every instance on one store counts the same): ``TelemetryMetric/workflowsOpen``.
    public func openWorkflowCount() async throws -> Int {
        try await store.openWorkflowCount(createdSince: oldestLiveCreation(now: clock.now()))
    }
}
