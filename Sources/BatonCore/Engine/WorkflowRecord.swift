public import Foundation

/// Everything the server keeps about one workflow: its own fields, its apps and its history.
///
/// Stores keep the three apart — the workflow's fields in one row, each app (with its sealed env values) in a row of
/// its own, history as appended entries — so a step reads and writes only its app, whatever the workflow's size. A
/// record read for one step holds only that app (see ``WorkflowStore/fetch(id:app:)``) and no history; the history
/// it holds is what was read (whole-workflow reads that ask for it) plus what its transitions appended.
///
/// ``version`` is the compare-and-set version of the workflow's own fields, ``AppRecord/version`` that of each app.
public struct WorkflowRecord: Codable, Sendable, Hashable {
    /// The workflow's id (`wf_` and 128 random bits).
    public var id: String
    /// The SHA-256 of the workflow's bearer token, hex. The token itself is never stored.
    public var tokenHash: String
    /// The ``Principal/id`` of who started it (`key:NAME`, `jwt:SUB`, `address:ADDRESS`); that principal's
    /// credential reaches the workflow as well as its token. Nil for workflows stored before principals existed.
    public var principal: String?
    /// Whether the workflow deploys into the user's own GitHub and Vercel accounts (their tokens are stored sealed
    /// apart, as ``WorkflowAccounts``) rather than with the server's tokens. `nil` (workflows stored before own
    /// accounts existed) means no.
    public var ownAccounts: Bool?
    /// The definition version the plan was made with.
    public var definitionVersion: String
    /// What the workflow deploys.
    public var config: WorkflowConfig
    /// Every app and its actions' state.
    public var apps: [AppRecord]
    /// Each app's env values, sealed with AES-GCM, by app id (of the apps the record holds). Removed once the values
    /// are applied. Stores keep each app's with the app.
    public var sealedEnv: [String: Data]
    /// Whether the workflow was canceled.
    public var canceled: Bool
    /// When `init` created it.
    public var createdAt: Date
    /// When the workflow's own fields last changed (`init`, `cancel`); each action has its own `updatedAt`.
    public var updatedAt: Date
    /// State transitions, oldest first: those read (when asked for) and those appended since.
    public var history: [HistoryEntry]
    /// The store's version of the workflow's own fields; a write that changes them succeeds only at the version read.
    public var version: Int64

    public init(
        id: String, tokenHash: String, principal: String? = nil, ownAccounts: Bool? = nil, definitionVersion: String,
        config: WorkflowConfig, apps: [AppRecord], sealedEnv: [String: Data], createdAt: Date
    ) {
        self.id = id
        self.tokenHash = tokenHash
        self.principal = principal
        self.ownAccounts = ownAccounts
        self.definitionVersion = definitionVersion
        self.config = config
        self.apps = apps
        self.sealedEnv = sealedEnv
        self.canceled = false
        self.createdAt = createdAt
        self.updatedAt = createdAt
        self.history = []
        self.version = 0
    }
}

/// One app of a workflow and its actions.
public struct AppRecord: Codable, Sendable, Hashable {
    /// The app's catalog id.
    public var id: String
    /// The app's name for people.
    public var name: String
    /// The actions in plan order.
    public var actions: [ActionRecord]
    /// The store's version of this app; a write that changes the app succeeds only at the version read. Kept by the
    /// store beside the app, not in its encoded form.
    public var version: Int64 = 0

    public init(id: String, name: String, actions: [ActionRecord], version: Int64 = 0) {
        self.id = id
        self.name = name
        self.actions = actions
        self.version = version
    }

    enum CodingKeys: String, CodingKey {
        case id, name, actions
    }

    /// Whether every action of the app succeeded: nothing is left to do for it. Stores keep this beside the app, to
    /// count a principal's open workflows without reading them.
    public var hasSucceeded: Bool {
        actions.allSatisfy { $0.state == .succeeded }
    }
}

/// One action of one app, as stored.
public struct ActionRecord: Codable, Sendable, Hashable {
    /// The action id.
    public var id: String
    /// A title for people.
    public var title: String
    /// The same app's actions that must succeed first.
    public var dependsOn: [String]
    /// Where it stands.
    public var state: ActionState
    /// How many attempts have been started.
    public var attempt: Int
    /// What is happening, for people.
    public var message: String
    /// The public results, once succeeded.
    public var outputs: [String: JSONValue]
    /// Why it failed, once failed.
    public var error: ActionFailure?
    /// The action's own progress marker, set once `start` returned; `nil` while the attempt has not started yet.
    public var checkpoint: JSONValue?
    /// When the action may be polled next.
    public var nextPollAt: Date?
    /// The request currently starting or polling the action, if any.
    public var lease: ActionLease?
    /// When it last changed.
    public var updatedAt: Date
    /// When the current attempt was triggered; `nil` before the first.
    public var startedAt: Date?
    /// When the current attempt fails unless it finished, and which setting set that; `nil` unless it was started.
    public var deadline: ActionDeadline?
    /// The phase the running action reported last (see ``ActionTimeouts``).
    public var phase: String?
    /// When the action entered ``phase``; `nil` before its first phase.
    public var phaseEnteredAt: Date?
    /// Seconds the current attempt spent in phases that wait for a provider's capacity (see
    /// ``ActionTimeouts/capacityPhases``), which its deadline does not count; `nil` when none.
    public var capacityWaitSeconds: Double?
    /// Public facts about the work in progress (a deployment's state and inspector URL), as the action reported them.
    public var progress: [String: JSONValue]?
    /// Provider work left to stop after the workflow was canceled; `nil` when there is none (or it was stopped).
    public var pendingStop: PendingStop?
    /// How many times the action changed: it grows with every change, under the workflow's compare-and-set, so it
    /// orders the action's statuses whichever instance answered and in whatever order answers arrive. `nil` (0) until
    /// the first change.
    public var sequence: Int?
    /// The secrets this action handed to later actions of its app (``SecretHandoff``), sealed with the store's key;
    /// erased once every action of the app succeeded or the workflow was canceled. Never shown.
    public var handedSecrets: Data?

    public init(planned: PlannedAction, at time: Date) {
        self.id = planned.id
        self.title = planned.title
        self.dependsOn = planned.dependsOn
        self.state = .pending
        self.attempt = 0
        self.message = "Not started"
        self.outputs = [:]
        self.error = nil
        self.checkpoint = nil
        self.nextPollAt = nil
        self.lease = nil
        self.updatedAt = time
        self.startedAt = nil
        self.deadline = nil
        self.phase = nil
        self.phaseEnteredAt = nil
        self.capacityWaitSeconds = nil
        self.progress = nil
        self.pendingStop = nil
        self.sequence = nil
        self.handedSecrets = nil
    }
}

/// When a running action's attempt fails unless it finished, and the operator setting (`ACTION` or `ACTION.PHASE`)
/// that bounds it.
public struct ActionDeadline: Codable, Sendable, Hashable {
    /// The instant.
    public var at: Date
    /// `deploy` (the whole attempt) or `deploy.build` (one phase).
    public var setting: String
    /// The bound, in seconds.
    public var limitSeconds: Double

    public init(at: Date, setting: String, limitSeconds: Double) {
        self.at = at
        self.setting = setting
        self.limitSeconds = limitSeconds
    }
}

/// Provider work a canceled action may have left running, still to be stopped.
public struct PendingStop: Codable, Sendable, Hashable {
    /// When the workflow was canceled.
    public var since: Date
    /// Stopping counts as done only after a try at or after this instant: the end of the claim of a request that was
    /// working on the action when it was canceled, which may still create something.
    public var notBefore: Date
    /// Why the last try did not finish, if one was made.
    public var lastProblem: String?

    public init(since: Date, notBefore: Date, lastProblem: String? = nil) {
        self.since = since
        self.notBefore = notBefore
        self.lastProblem = lastProblem
    }
}

/// A claim by one request on one action, so no two requests start or poll it at once.
/// It expires on its own, so a crashed server leaves nothing stuck.
public struct ActionLease: Codable, Sendable, Hashable {
    /// A random id of the claiming request.
    public var id: String
    /// When the claim lapses.
    public var expiresAt: Date

    public init(id: String, expiresAt: Date) {
        self.id = id
        self.expiresAt = expiresAt
    }

    /// Whether the lease still holds at `time`.
    public func isHeld(at time: Date) -> Bool { time < expiresAt }
}
