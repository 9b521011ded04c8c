public import Foundation

/// `GET /api/workflows`: the workflows the caller's credential started, newest first, so a user picks up a workflow
/// from another device with their login alone (then drives it with the same credential).
public struct WorkflowList: Codable, Sendable, Hashable {
    /// At most the request's `limit` workflows, newest first; expired workflows are left out.
    public var workflows: [WorkflowSummary]

    public init(workflows: [WorkflowSummary]) {
        self.workflows = workflows
    }
}

/// One workflow of a ``WorkflowList``: where it stands, without its actions.
public struct WorkflowSummary: Codable, Sendable, Hashable {
    /// One app of the workflow.
    public struct App: Codable, Sendable, Hashable {
        /// The app's catalog id.
        public var id: String
        /// The app's name for people.
        public var name: String
        /// The state summarised over the app's actions.
        public var state: ActionState

        public init(id: String, name: String, state: ActionState) {
            self.id = id
            self.name = name
            self.state = state
        }
    }

    /// The workflow's id.
    public var workflowID: String
    /// The state summarised over every action (`canceled` once canceled).
    public var state: ActionState
    /// Every app, in the order of the request.
    public var apps: [App]
    /// When `init` created it.
    public var createdAt: Date

    public init(workflowID: String, state: ActionState, apps: [App], createdAt: Date) {
        self.workflowID = workflowID
        self.state = state
        self.apps = apps
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case workflowID = "workflowId", state, apps, createdAt
    }
}
