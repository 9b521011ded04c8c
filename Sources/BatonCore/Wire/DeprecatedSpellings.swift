public import Foundation

// The `…Id` / `…Url` spellings Baton's Swift API had before, kept so hosts' code compiles (with a warning naming the new
// spelling). Only Swift names changed: the JSON keys are still `workflowId`, `teamId`, `installUrl` and `authorizeUrl`.

extension InitResponse {
    @available(*, deprecated, renamed: "workflowID")
    public var workflowId: String { get { workflowID } set { workflowID = newValue } }

    @available(*, deprecated, renamed: "init(workflowID:token:definitionVersion:apps:)")
    public init(workflowId: String, token: String, definitionVersion: String, apps: [PlannedApp]) {
        self.init(workflowID: workflowId, token: token, definitionVersion: definitionVersion, apps: apps)
    }
}

extension WorkflowSummary {
    @available(*, deprecated, renamed: "workflowID")
    public var workflowId: String { get { workflowID } set { workflowID = newValue } }

    @available(*, deprecated, renamed: "init(workflowID:state:apps:createdAt:)")
    public init(workflowId: String, state: ActionState, apps: [App], createdAt: Date) {
        self.init(workflowID: workflowId, state: state, apps: apps, createdAt: createdAt)
    }
}

extension WorkflowStatus {
    @available(*, deprecated, renamed: "workflowID")
    public var workflowId: String { get { workflowID } set { workflowID = newValue } }

    @available(*, deprecated, renamed: "init(workflowID:state:definitionVersion:apps:history:pendingCancellations:)")
    public init(
        workflowId: String, state: ActionState, definitionVersion: String, apps: [AppStatus], history: [HistoryEntry]?,
        pendingCancellations: [PendingCancellation] = []
    ) {
        self.init(workflowID: workflowId, state: state, definitionVersion: definitionVersion, apps: apps, history: history,
                  pendingCancellations: pendingCancellations)
    }
}

extension VercelTarget {
    @available(*, deprecated, renamed: "teamID")
    public var teamId: String { get { teamID } set { teamID = newValue } }

    @available(*, deprecated, renamed: "init(teamID:)")
    public init(teamId: String) { self.init(teamID: teamId) }
}

extension AccountConnections.GitHub {
    @available(*, deprecated, renamed: "installURL")
    public var installUrl: String? { get { installURL } set { installURL = newValue } }

    @available(*, deprecated, renamed: "init(available:connected:login:owners:installURL:)")
    public init(available: Bool, connected: Bool, login: String? = nil, owners: [AccountIdentity.Owner]? = nil, installUrl: String?) {
        self.init(available: available, connected: connected, login: login, owners: owners, installURL: installUrl)
    }
}

extension AuthorizationStart {
    @available(*, deprecated, renamed: "authorizeURL")
    public var authorizeUrl: String { get { authorizeURL } set { authorizeURL = newValue } }

    @available(*, deprecated, renamed: "init(authorizeURL:)")
    public init(authorizeUrl: String) { self.init(authorizeURL: authorizeUrl) }
}
