/// The implementation of every action id a workflow definition names.
public struct ActionRegistry: Sendable {
    private var actions: [String: any DeploymentAction]

    /// A registry from action ids to implementations.
    public init(_ actions: [String: any DeploymentAction]) {
        self.actions = actions
    }

    /// The implementation of an action id.
    public func action(_ id: String) -> (any DeploymentAction)? {
        actions[id]
    }

    /// This registry with more actions (a host's own), by action id; an id already here is replaced.
    public func adding(_ more: [String: any DeploymentAction]) -> ActionRegistry {
        ActionRegistry(actions.merging(more) { _, added in added })
    }

    /// The ids of `definition`'s actions that have no implementation here.
    public func missingActions(for definition: WorkflowDefinition) -> [String] {
        definition.actions.map(\.id).filter { actions[$0] == nil }
    }
}
