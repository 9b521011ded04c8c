public import BatonCore

/// One app of a deployment, as a progress view shows it.
public struct AppSnapshot: Sendable, Hashable, Identifiable {
    /// The app's id, such as `app-a`.
    public var id: String
    /// Its display name.
    public var name: String
    /// Its actions, in the order they run.
    public var actions: [ActionSnapshot]

    /// Creates an app's progress.
    public init(id: String, name: String, actions: [ActionSnapshot]) {
        self.id = id
        self.name = name
        self.actions = actions
    }

    /// The app's state, summarized from its actions: failed or canceled if any is, succeeded when all are, running
    /// once any has started, else pending.
    public var state: ActionState { actions.map(\.state).summarized() }

    /// The first action not yet succeeded (running, failed, or next to start); `nil` once all succeeded.
    public var currentActionIndex: Int? {
        actions.firstIndex { $0.state != .succeeded }
    }

    /// The production URL, once the deploy action succeeded.
    public var deploymentURL: String? {
        output(DeployOutput.self)?.url
    }

    /// The app's domain with the DNS records to create for it, once `present-dns` succeeded.
    public var dns: PresentDNSOutput? {
        output(PresentDNSOutput.self)
    }

    /// The outputs of the action `Output` describes, once it succeeded; `nil` before, or when the app has no such action.
    public func output<Output: ActionOutput>(_ type: Output.Type) -> Output? {
        action(Output.actionID)?.output(type)
    }

    /// The action with id `id`.
    public func action(_ id: String) -> ActionSnapshot? {
        actions.first { $0.id == id }
    }
}
