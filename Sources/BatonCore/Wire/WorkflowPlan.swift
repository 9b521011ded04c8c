/// One action of an app's plan, as `init` returns it.
public struct PlannedAction: Codable, Sendable, Hashable {
    /// The action id, such as `deploy`.
    public var id: String
    /// A title for people.
    public var title: String
    /// The ids of the same app's actions that must succeed first.
    public var dependsOn: [String]

    public init(id: String, title: String, dependsOn: [String]) {
        self.id = id
        self.title = title
        self.dependsOn = dependsOn
    }
}

/// One app of a plan and its ordered actions.
public struct PlannedApp: Codable, Sendable, Hashable {
    /// The app's catalog id.
    public var id: String
    /// The app's name for people.
    public var name: String
    /// The actions in the order a client should run them.
    public var actions: [PlannedAction]

    public init(id: String, name: String, actions: [PlannedAction]) {
        self.id = id
        self.name = name
        self.actions = actions
    }
}

/// The answer to `init`: the workflow's id, the token that authorizes every later request, and the plan.
public struct InitResponse: Codable, Sendable, Hashable {
    /// The new workflow's id.
    public var workflowID: String
    /// The bearer token for every later request; the server keeps only its hash.
    public var token: String
    /// The version of the catalog and workflow definition the plan was made with.
    public var definitionVersion: String
    /// Every requested app and its actions.
    public var apps: [PlannedApp]

    public init(workflowID: String, token: String, definitionVersion: String, apps: [PlannedApp]) {
        self.workflowID = workflowID
        self.token = token
        self.definitionVersion = definitionVersion
        self.apps = apps
    }

    enum CodingKeys: String, CodingKey {
        case workflowID = "workflowId", token, definitionVersion, apps
    }
}
