import Foundation
import Logging

/// What an action knows when it runs: the app, the workflow's config, earlier results and the app's env values.
public struct ActionContext: Sendable {
    /// The workflow's id; actions tag what they create with it so a retry can find it.
    public var workflowID: String
    /// The action being run, such as `deploy`.
    public var actionID: String
    /// The app being deployed.
    public var app: AppSpec
    /// The workflow's config.
    public var config: WorkflowConfig
    /// The outputs of the app's succeeded actions, by action id.
    public var outputs: [String: [String: JSONValue]]
    /// The app's env values. Secret: never log or return them.
    public var envValues: [String: String]
    /// The attempt being run (1 for the first).
    public var attempt: Int
    /// When the request's budget runs out.
    public var deadline: Date
    /// A logger carrying the workflow, app and action.
    public var logger: Logger

    public init(
        workflowID: String, actionID: String, app: AppSpec, config: WorkflowConfig, outputs: [String: [String: JSONValue]],
        envValues: [String: String], attempt: Int, deadline: Date, logger: Logger
    ) {
        self.workflowID = workflowID
        self.actionID = actionID
        self.app = app
        self.config = config
        self.outputs = outputs
        self.envValues = envValues
        self.attempt = attempt
        self.deadline = deadline
        self.logger = logger
    }

    /// The output `key` of the earlier action `action`, if it produced one.
    public func output(of action: String, _ key: String) -> JSONValue? {
        outputs[action]?[key]
    }
}
