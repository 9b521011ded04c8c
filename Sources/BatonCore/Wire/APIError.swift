/// A problem with one field of a request or file: where it is, and what is wrong.
public struct FieldIssue: Codable, Sendable, Hashable {
    /// Where the problem is, such as `config.apps[2]` or `envVars.app-a.DATABASE_URL`.
    public var path: String
    /// What is wrong, for people.
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}

/// An error Baton answers with: `{"error":{"code","message","details"}}`.
public struct APIError: Error, Codable, Sendable, Hashable {
    /// The stable codes Baton's API uses.
    public enum Code: String, Codable, Sendable, CaseIterable {
        case validationFailed = "validation_failed"
        case unknownMode = "unknown_mode"
        case malformedJSON = "malformed_json"
        case unauthorized
        case ownerNotAllowed = "owner_not_allowed"
        case teamNotAllowed = "team_not_allowed"
        case ownerNotConnected = "owner_not_connected"
        case githubAppNotInstalled = "github_app_not_installed"
        case teamNotConnected = "team_not_connected"
        case accountNotConnected = "account_not_connected"
        case providerNotConfigured = "provider_not_configured"
        case rateLimited = "rate_limited"
        case tooManyOpenWorkflows = "too_many_open_workflows"
        case workflowNotFound = "workflow_not_found"
        case unknownApp = "unknown_app"
        case unknownAction = "unknown_action"
        case definitionChanged = "definition_changed"
        case actionBlocked = "action_blocked"
        case workflowCanceled = "workflow_canceled"
        case conflict
        case bodyTooLarge = "body_too_large"
        case unsupportedMediaType = "unsupported_media_type"
        case notFound = "not_found"
        case methodNotAllowed = "method_not_allowed"
        case internalError = "internal_error"
        case unavailable

        /// The HTTP status that goes with the code.
        public var httpStatus: Int {
            switch self {
            case .validationFailed, .unknownMode, .malformedJSON: 400
            case .unauthorized: 401
            case .ownerNotAllowed, .teamNotAllowed, .ownerNotConnected, .githubAppNotInstalled, .teamNotConnected: 403
            case .rateLimited, .tooManyOpenWorkflows: 429
            case .workflowNotFound, .unknownApp, .unknownAction, .notFound, .providerNotConfigured: 404
            case .methodNotAllowed: 405
            case .definitionChanged, .actionBlocked, .workflowCanceled, .conflict, .accountNotConnected: 409
            case .bodyTooLarge: 413
            case .unsupportedMediaType: 415
            case .internalError: 500
            case .unavailable: 503
            }
        }
    }

    /// The stable machine code (kept as a string so clients can read codes added later).
    public var code: String
    /// A sentence a person understands.
    public var message: String
    /// The fields concerned, when there are any.
    public var details: [FieldIssue]
    /// When to try again, in whole seconds: sent as the `Retry-After` header (not in the body).
    public var retryAfterSeconds: Int?

    public init(_ code: Code, _ message: String, details: [FieldIssue] = [], retryAfterSeconds: Int? = nil) {
        self.code = code.rawValue
        self.message = message
        self.details = details
        self.retryAfterSeconds = retryAfterSeconds
    }

    enum CodingKeys: String, CodingKey {
        case code, message, details
    }

    /// The known code, when the server sent one this version knows.
    public var knownCode: Code? { Code(rawValue: code) }

    /// The HTTP status for this error.
    public var httpStatus: Int { knownCode?.httpStatus ?? 500 }

    /// A `validation_failed` error listing every issue.
    public static func validationFailed(_ issues: [FieldIssue]) -> APIError {
        let summary = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
        return APIError(.validationFailed, "The request is not valid: \(summary), listed in details.", details: issues)
    }
}

/// The body of every error response.
public struct APIErrorBody: Codable, Sendable, Hashable {
    /// The error.
    public var error: APIError

    public init(error: APIError) { self.error = error }
}
