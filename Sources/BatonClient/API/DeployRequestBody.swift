import BatonCore

/// The JSON body of one `POST /api/deploy` request, as the server's parser expects it.
struct DeployRequestBody: Encodable {
    var mode: String
    var config: WorkflowConfig?
    var envVars: [String: [String: String]]?
    var accounts: [String: AccountChoiceBody]?
    var workflowID: String?
    var app: String?
    var action: String?
    var waitMs: Int?
    var history: Bool?

    static func initialize(_ request: InitRequest) -> DeployRequestBody {
        DeployRequestBody(
            mode: "init", config: request.config, envVars: request.envVars.isEmpty ? nil : request.envVars,
            accounts: request.accounts.isEmpty
                ? nil : Dictionary(uniqueKeysWithValues: request.accounts.map { ($0.key.rawValue, AccountChoiceBody(choice: $0.value)) })
        )
    }

    static func trigger(_ reference: ActionReference) -> DeployRequestBody {
        DeployRequestBody(mode: "trigger", workflowID: reference.workflowID, app: reference.app, action: reference.action)
    }

    static func status(_ query: StatusQuery) -> DeployRequestBody {
        DeployRequestBody(
            mode: "status", workflowID: query.workflowID, app: query.app, action: query.action,
            waitMs: query.waitMs > 0 ? query.waitMs : nil, history: query.includeHistory ? true : nil)
    }

    static func cancel(_ workflowID: String) -> DeployRequestBody {
        DeployRequestBody(mode: "cancel", workflowID: workflowID)
    }

    enum CodingKeys: String, CodingKey {
        case mode, config, envVars, accounts, workflowID = "workflowId", app, action, waitMs, history
    }

    /// Leaves out absent members rather than sending `null`.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(mode, forKey: .mode)
        try container.encodeIfPresent(config, forKey: .config)
        try container.encodeIfPresent(envVars, forKey: .envVars)
        try container.encodeIfPresent(accounts, forKey: .accounts)
        try container.encodeIfPresent(workflowID, forKey: .workflowID)
        try container.encodeIfPresent(app, forKey: .app)
        try container.encodeIfPresent(action, forKey: .action)
        try container.encodeIfPresent(waitMs, forKey: .waitMs)
        try container.encodeIfPresent(history, forKey: .history)
    }
}

/// One member of `init`'s `accounts`: `"connected"` or `{"token": "…"}`.
struct AccountChoiceBody: Encodable {
    var choice: AccountChoice

    func encode(to encoder: any Encoder) throws {
        switch choice {
        case .connected:
            var container = encoder.singleValueContainer()
            try container.encode("connected")
        case .token(let token):
            try ["token": token].encode(to: encoder)
        }
    }
}
