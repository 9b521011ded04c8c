/// Resolves the ordered actions of every requested app.
public enum PlanResolver {
    /// The plan for a validated request: for each app, the definition's actions that apply to it. A dependency
    /// on an excluded action is replaced by that action's own dependencies, so `deploy` waits for
    /// `configure-env` when it runs and for `create-project` when it does not.
    /// Apps not in the catalog are skipped; validation rejects them before this is called.
    public static func resolveWorkflowActions(
        config: WorkflowConfig,
        envVars: [String: [String: String]],
        catalog: Catalog,
        definition: WorkflowDefinition
    ) -> [PlannedApp] {
        config.apps.compactMap { appID in
            guard let app = catalog.app(appID) else { return nil }
            let hasEnvValues = !(envVars[appID] ?? [:]).isEmpty
            let included = definition.actions.filter { action in
                switch action.includedWhen {
                case .always: true
                case .appHasEnvValues: hasEnvValues
                case .workflowHasDomain: config.domain != nil
                }
            }
            let includedIDs = Set(included.map(\.id))
            let actions = included.map { action in
                PlannedAction(
                    id: action.id, title: action.title,
                    dependsOn: effectiveDependencies(of: action, included: includedIDs, definition: definition)
                )
            }
            return PlannedApp(id: app.id, name: app.name, actions: actions)
        }
    }

    private static func effectiveDependencies(
        of action: ActionDefinition, included: Set<String>, definition: WorkflowDefinition
    ) -> [String] {
        var result: [String] = []
        var toVisit = action.dependsOn
        var visited: Set<String> = []
        while !toVisit.isEmpty {
            let id = toVisit.removeFirst()
            guard visited.insert(id).inserted else { continue }
            if included.contains(id) {
                if !result.contains(id) { result.append(id) }
            } else if let excluded = definition.action(id) {
                toVisit.append(contentsOf: excluded.dependsOn)
            }
        }
        return result
    }
}
