/// A parsed and validated `POST /api/deploy` request.
public enum DeployCommand: Sendable, Hashable {
    /// `init`: validate, plan, and store a new workflow.
    case initialize(InitRequest)
    /// `trigger`: start one action of one app.
    case trigger(ActionReference)
    /// `status`: report (and advance) one action, or the whole workflow when `action` is `nil`.
    case status(StatusQuery)
    /// `cancel`: cancel the workflow.
    case cancel(workflowID: String)

    /// The mode's name on the wire: `init`, `trigger`, `status` or `cancel` (one of ``modes``).
    public var mode: String {
        switch self {
        case .initialize: "init"
        case .trigger: "trigger"
        case .status: "status"
        case .cancel: "cancel"
        }
    }

    /// Every mode's name on the wire.
    public static let modes: Set<String> = ["init", "trigger", "status", "cancel"]

    /// The workflow the command concerns; `nil` for `init`.
    public var workflowID: String? {
        switch self {
        case .initialize: nil
        case .trigger(let reference): reference.workflowID
        case .status(let query): query.workflowID
        case .cancel(let workflowID): workflowID
        }
    }
}

/// One action of one app of one workflow.
public struct ActionReference: Sendable, Hashable {
    /// The workflow's id.
    public var workflowID: String
    /// The app's catalog id.
    public var app: String
    /// The action id.
    public var action: String

    public init(workflowID: String, app: String, action: String) {
        self.workflowID = workflowID
        self.app = app
        self.action = action
    }
}

/// A `status` request.
public struct StatusQuery: Sendable, Hashable {
    /// The workflow's id.
    public var workflowID: String
    /// The app's catalog id, or `nil` for the whole workflow.
    public var app: String?
    /// The action id, or `nil` for the whole workflow.
    public var action: String?
    /// How long to wait for a change before answering, in milliseconds (capped by the request budget).
    public var waitMs: Int
    /// Whether a whole-workflow answer carries the workflow's `history` (`"history": true`); it is `null` otherwise,
    /// so polling a large workflow does not fetch every transition each time.
    public var includeHistory: Bool

    public init(workflowID: String, app: String? = nil, action: String? = nil, waitMs: Int = 0, includeHistory: Bool = false) {
        self.workflowID = workflowID
        self.app = app
        self.action = action
        self.waitMs = waitMs
        self.includeHistory = includeHistory
    }
}
