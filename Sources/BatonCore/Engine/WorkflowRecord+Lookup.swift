extension WorkflowRecord {
    /// The position of an app and one of its actions.
    public struct ActionIndex: Sendable, Hashable {
        /// The app's position in ``WorkflowRecord/apps``.
        public var app: Int
        /// The action's position in the app's actions.
        public var action: Int

        public init(app: Int, action: Int) {
            self.app = app
            self.action = action
        }
    }

    /// Finds an app's action.
    /// - Throws: ``APIError`` `unknown_app` or `unknown_action`.
    public func index(app appID: String, action actionID: String) throws(APIError) -> ActionIndex {
        guard let appIndex = apps.firstIndex(where: { $0.id == appID }) else {
            // A record read for one step holds only that app: the workflow's apps are the config's.
            let known = config.apps.joined(separator: ", ")
            throw APIError(.unknownApp, "App '\(appID)' is not part of this workflow; its apps are \(known).",
                           details: [FieldIssue(path: "app", message: "must be one of \(known)")])
        }
        guard let actionIndex = apps[appIndex].actions.firstIndex(where: { $0.id == actionID }) else {
            let known = apps[appIndex].actions.map(\.id).joined(separator: ", ")
            throw APIError(.unknownAction, "Action '\(actionID)' is not part of \(apps[appIndex].name)'s plan; its actions are \(known).",
                           details: [FieldIssue(path: "action", message: "must be one of \(known)")])
        }
        return ActionIndex(app: appIndex, action: actionIndex)
    }

    /// The action at an index.
    public subscript(index: ActionIndex) -> ActionRecord {
        get { apps[index.app].actions[index.action] }
        set { apps[index.app].actions[index.action] = newValue }
    }

    /// The outputs of the app's succeeded actions, by action id.
    public func outputsOfSucceededActions(app appIndex: Int) -> [String: [String: JSONValue]] {
        var outputs: [String: [String: JSONValue]] = [:]
        for action in apps[appIndex].actions where action.state == .succeeded {
            outputs[action.id] = action.outputs
        }
        return outputs
    }

    /// The state of the whole workflow.
    public var summarizedState: ActionState {
        apps.flatMap { $0.actions.map(\.state) }.summarized()
    }

    /// The state clients are shown: `canceled` once canceled, else ``summarizedState``.
    public var shownState: ActionState {
        canceled ? .canceled : summarizedState
    }
}
