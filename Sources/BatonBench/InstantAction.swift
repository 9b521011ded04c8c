import BatonCore

/// An action that succeeds at once, with no provider call: what the benchmark measures is Baton's own cost per
/// action (parsing, authorizing, the store's reads and writes, encoding), not a provider's.
struct InstantAction: DeploymentAction {
    func start(_ context: ActionContext) async throws -> ActionOutcome {
        .succeeded(outputs: ["app": .string(context.app.id)], message: "Done")
    }

    func poll(_ context: ActionContext, checkpoint: JSONValue) async throws -> ActionOutcome {
        try await start(context)
    }
}

extension ActionRegistry {
    /// ``InstantAction`` for every action of `definition`.
    static func instant(for definition: WorkflowDefinition) -> ActionRegistry {
        ActionRegistry(Dictionary(uniqueKeysWithValues: definition.actions.map { ($0.id, InstantAction() as any DeploymentAction) }))
    }
}
