/// Reads a `POST /api/deploy` body into a ``DeployCommand``, listing every problem at once.
public struct DeployRequestParser: Sendable {
    /// The catalog `init` requests are checked against.
    public var catalog: Catalog
    /// The size limits.
    public var limits: ValidationLimits

    public init(catalog: Catalog, limits: ValidationLimits = .standard) {
        self.catalog = catalog
        self.limits = limits
    }

    /// Parses a decoded JSON body.
    /// - Throws: ``APIError`` `validation_failed` with every problem, or `unknown_mode`.
    public func parse(_ body: JSONValue) throws(APIError) -> DeployCommand {
        guard let object = body.objectValue else {
            throw .validationFailed([FieldIssue(path: "body", message: "must be a JSON object, not \(body.typeName)")])
        }
        var collector = IssueCollector()
        guard let mode = collector.string(object["mode"], at: "mode", required: true) else {
            throw .validationFailed(collector.issues)
        }
        let command: DeployCommand?
        switch mode {
        case "init": command = parseInit(object, &collector)
        case "trigger": command = parseTrigger(object, &collector)
        case "status": command = parseStatus(object, &collector)
        case "cancel": command = parseCancel(object, &collector)
        default:
            throw APIError(
                .unknownMode, "Unknown mode '\(mode)': use init, trigger, status or cancel.",
                details: [FieldIssue(path: "mode", message: "must be one of init, trigger, status, cancel")]
            )
        }
        guard let command, collector.issues.isEmpty else {
            throw .validationFailed(collector.issues)
        }
        return command
    }

    private func parseTrigger(_ object: [String: JSONValue], _ collector: inout IssueCollector) -> DeployCommand? {
        collector.rejectUnknownFields(of: object, allowed: ["mode", "workflowId", "app", "action"], at: "")
        let workflowID = collector.string(object["workflowId"], at: "workflowId", required: true)
        let app = collector.string(object["app"], at: "app", required: true)
        let action = collector.string(object["action"], at: "action", required: true)
        guard let workflowID, let app, let action else { return nil }
        return .trigger(ActionReference(workflowID: workflowID, app: app, action: action))
    }

    private func parseStatus(_ object: [String: JSONValue], _ collector: inout IssueCollector) -> DeployCommand? {
        collector.rejectUnknownFields(of: object, allowed: ["mode", "workflowId", "app", "action", "waitMs", "history"], at: "")
        let workflowID = collector.string(object["workflowId"], at: "workflowId", required: true)
        let app = collector.string(object["app"], at: "app", required: false)
        let action = collector.string(object["action"], at: "action", required: false)
        let hasApp = (object["app"] ?? .null) != .null
        let hasAction = (object["action"] ?? .null) != .null
        if hasApp != hasAction {
            collector.add(hasApp ? "action" : "app", "is required when \(hasApp ? "app" : "action") is given")
        }
        var waitMs = 0
        if let value = object["waitMs"], value != .null {
            if let integer = value.integerValue, integer >= 0 {
                waitMs = integer
            } else {
                collector.add("waitMs", "must be a whole number of milliseconds, 0 or more")
            }
        }
        var includeHistory = false
        if let value = object["history"], value != .null {
            if case .bool(let flag) = value {
                includeHistory = flag
                if flag, hasApp || hasAction {
                    collector.add("history", "is only given for the whole workflow: leave out app and action")
                }
            } else {
                collector.add("history", "must be true or false")
            }
        }
        guard let workflowID else { return nil }
        return .status(StatusQuery(workflowID: workflowID, app: app, action: action, waitMs: waitMs, includeHistory: includeHistory))
    }

    private func parseCancel(_ object: [String: JSONValue], _ collector: inout IssueCollector) -> DeployCommand? {
        collector.rejectUnknownFields(of: object, allowed: ["mode", "workflowId"], at: "")
        guard let workflowID = collector.string(object["workflowId"], at: "workflowId", required: true) else { return nil }
        return .cancel(workflowID: workflowID)
    }
}
