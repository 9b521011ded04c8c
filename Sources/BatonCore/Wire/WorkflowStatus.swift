public import Foundation

/// The whole workflow, as `status` without an action and `cancel` return it.
public struct WorkflowStatus: Codable, Sendable, Hashable {
    /// The workflow's id.
    public var workflowID: String
    /// The state summarised over every action.
    public var state: ActionState
    /// The definition version the workflow was planned with.
    public var definitionVersion: String
    /// Every app, in the order of the request.
    public var apps: [AppStatus]
    /// Every state transition, oldest first; `nil` unless the request asked for it (`"history": true`).
    public var history: [HistoryEntry]?
    /// Provider work of a canceled workflow still to be stopped (a Vercel build, say); empty when there is none.
    /// A later `cancel` or `status` request goes on stopping it.
    public var pendingCancellations: [PendingCancellation]

    public init(
        workflowID: String, state: ActionState, definitionVersion: String, apps: [AppStatus], history: [HistoryEntry]?,
        pendingCancellations: [PendingCancellation] = []
    ) {
        self.workflowID = workflowID
        self.state = state
        self.definitionVersion = definitionVersion
        self.apps = apps
        self.history = history
        self.pendingCancellations = pendingCancellations
    }

    enum CodingKeys: String, CodingKey {
        case workflowID = "workflowId", state, definitionVersion, apps, history, pendingCancellations
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        workflowID = try container.decode(String.self, forKey: .workflowID)
        state = try container.decode(ActionState.self, forKey: .state)
        definitionVersion = try container.decode(String.self, forKey: .definitionVersion)
        apps = try container.decode([AppStatus].self, forKey: .apps)
        history = try container.decodeIfPresent([HistoryEntry].self, forKey: .history)
        pendingCancellations = try container.decodeIfPresent([PendingCancellation].self, forKey: .pendingCancellations) ?? []
    }

    /// Writes every key, `history` as `null` when it was not asked for.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(workflowID, forKey: .workflowID)
        try container.encode(state, forKey: .state)
        try container.encode(definitionVersion, forKey: .definitionVersion)
        try container.encode(apps, forKey: .apps)
        try container.encode(history, forKey: .history)
        try container.encode(pendingCancellations, forKey: .pendingCancellations)
    }
}

/// A canceled action whose provider work is still being stopped.
public struct PendingCancellation: Codable, Sendable, Hashable {
    /// The app's catalog id.
    public var app: String
    /// The action id.
    public var action: String
    /// What is still pending, for people.
    public var message: String

    public init(app: String, action: String, message: String) {
        self.app = app
        self.action = action
        self.message = message
    }
}

/// One app of a workflow and its actions.
public struct AppStatus: Codable, Sendable, Hashable {
    /// The app's catalog id.
    public var id: String
    /// The app's name for people.
    public var name: String
    /// The state summarised over the app's actions.
    public var state: ActionState
    /// The app's actions, in plan order.
    public var actions: [ActionStatus]

    public init(id: String, name: String, state: ActionState, actions: [ActionStatus]) {
        self.id = id
        self.name = name
        self.state = state
        self.actions = actions
    }
}

/// One state transition of one action.
public struct HistoryEntry: Codable, Sendable, Hashable {
    /// When it happened.
    public var at: Date
    /// The app's catalog id.
    public var app: String
    /// The action id.
    public var action: String
    /// The state before.
    public var from: ActionState
    /// The state after.
    public var to: ActionState
    /// The attempt the transition belongs to.
    public var attempt: Int
    /// What happened, for people.
    public var message: String

    public init(at: Date, app: String, action: String, from: ActionState, to: ActionState, attempt: Int, message: String) {
        self.at = at
        self.app = app
        self.action = action
        self.from = from
        self.to = to
        self.attempt = attempt
        self.message = message
    }
}

extension Sequence where Element == ActionState {
    /// The state of a group of actions: canceled, failed, succeeded when all did, running once any started, else pending.
    public func summarized() -> ActionState {
        var sawAny = false
        var allSucceeded = true
        var anyStarted = false
        var anyFailed = false
        var anyCanceled = false
        for state in self {
            sawAny = true
            if state != .succeeded { allSucceeded = false }
            if state != .pending { anyStarted = true }
            if state == .failed { anyFailed = true }
            if state == .canceled { anyCanceled = true }
        }
        if anyCanceled { return .canceled }
        if anyFailed { return .failed }
        if sawAny && allSucceeded { return .succeeded }
        return anyStarted ? .running : .pending
    }
}
