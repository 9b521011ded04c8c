import BatonCore

// The `workflowId` spelling Baton's Swift API had before, kept so hosts' code compiles (with a warning naming the new
// spelling). The JSON key of ``WorkflowCredentials`` is still `workflowId`.

extension WorkflowCredentials {
    @available(*, deprecated, renamed: "workflowID")
    public var workflowId: String { get { workflowID } set { workflowID = newValue } }

    @available(*, deprecated, renamed: "init(workflowID:token:)")
    public init(workflowId: String, token: String) { self.init(workflowID: workflowId, token: token) }
}

extension DeploymentSnapshot {
    @available(*, deprecated, renamed: "workflowID")
    public var workflowId: String { get { workflowID } set { workflowID = newValue } }

    @available(*, deprecated, renamed: "init(workflowID:apps:isDriving:notice:)")
    public init(workflowId: String, apps: [AppSnapshot], isDriving: Bool = false, notice: String? = nil) {
        self.init(workflowID: workflowId, apps: apps, isDriving: isDriving, notice: notice)
    }
}

extension DeploymentProgressModel {
    @available(*, deprecated, renamed: "workflowID")
    public var workflowId: String? { workflowID }
}
