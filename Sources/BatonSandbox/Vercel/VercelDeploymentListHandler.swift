/// `GET /v6/deployments`: newest first, filtered by project, target, state, time and `meta-<KEY>=<value>`.
enum VercelDeploymentListHandler {
    private static let defaultLimit = 20
    private static let maximumLimit = 100

    /// Lists the scope's deployments matching the query.
    static func list(_ state: inout SandboxState, _ call: ProviderCall) throws(ProviderReply) -> ProviderReply {
        let scope = VercelScope(call)
        let query = call.query
        var projectIDs: Set<String>?
        if let reference = query["projectId"] {
            guard let project = state.vercel.project(reference, in: scope) else {
                throw VercelErrorReply.projectNotFound
            }
            projectIDs = [project.id]
        } else if let references = query["projectIds"] {
            projectIDs = Set(references.split(separator: ",").map(String.init))
        }
        let states = query["state"].map { Set($0.uppercased().split(separator: ",").map(String.init)) }
        let metaFilters = query.compactMap { name, value in
            name.hasPrefix("meta-") ? (String(name.dropFirst(5)), value) : nil
        }
        let limit = min(max(Int(query["limit"] ?? "") ?? defaultLimit, 1), maximumLimit)
        let since = query["since"].flatMap(Int.init)
        let until = query["until"].flatMap(Int.init)

        let matching = state.vercel.deployments.reversed().filter { deployment in
            let created = VercelTimestamp.milliseconds(deployment.createdAt)
            let phase = deployment.phase(at: call.now)
            return deployment.scope == scope
                && (projectIDs?.contains(deployment.projectID) ?? true)
                && (query["app"].map { $0 == deployment.projectName } ?? true)
                && (query["target"].map { $0 == (deployment.target ?? "preview") } ?? true)
                && (states?.contains(phase.readyState) ?? true)
                && (since.map { created > $0 } ?? true)
                && (until.map { created < $0 } ?? true)
                && metaFilters.allSatisfy { key, value in deployment.meta[key] == value }
        }
        let page = Array(matching.prefix(limit))
        let next: JSONValue =
            matching.count > page.count ? page.last.map { VercelTimestamp.json($0.createdAt) } ?? .null : .null
        return ProviderReply(
            status: 200,
            body: [
                "deployments": .array(page.map { $0.listItemJSON(phase: $0.phase(at: call.now)) }),
                "pagination": ["count": .int(page.count), "next": next, "prev": nil],
            ])
    }
}
