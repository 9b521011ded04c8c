/// A validated `POST /sandbox/faults` body.
///
/// Fields present are applied; fields absent keep their current value; `{}` clears the targeted faults and
/// returns every knob (and the failure sequence) to its start-up value.
struct FaultsUpdate: Sendable {
    /// The accepted field names.
    static let fieldNames = [
        "latencyMs", "forkSeconds", "buildSeconds", "failureRate", "seed", "failDeployment", "rejectTokens",
        "missingGitHubApp", "responseDelayMs", "secondaryRateLimit", "readOnlyOwner", "aliasError", "contentCreationLimit",
        "oauthAccessTokenSeconds",
    ]

    private let members: [String: JSONValue]

    /// Validates `body`: the update, or why it was refused (unknown field, wrong type, not an object).
    static func parse(_ body: ProviderRequestBody) -> Result<FaultsUpdate, FaultsUpdateError> {
        guard case .json(.object(let members)) = body else {
            return .failure(FaultsUpdateError("invalid_body", "The body must be a JSON object.", field: nil))
        }
        for name in members.keys.sorted() {
            guard fieldNames.contains(name) else {
                let known = fieldNames.joined(separator: ", ")
                return .failure(
                    FaultsUpdateError("unknown_field", "Unknown field `\(name)`; known fields: \(known).", field: name))
            }
            if let problem = typeProblem(name, members[name] ?? .null) {
                return .failure(FaultsUpdateError("invalid_value", "`\(name)` must be \(problem).", field: name))
            }
        }
        return .success(FaultsUpdate(members: members))
    }

    private static func typeProblem(_ name: String, _ value: JSONValue) -> String? {
        switch name {
        case "seed":
            return (value.intValue ?? -1) >= 0 ? nil : "a non-negative integer"
        case "latencyMs", "responseDelayMs":
            return (0...600_000).contains(value.intValue ?? -1) ? nil : "an integer from 0 to 600000 (10 minutes)"
        case "forkSeconds", "buildSeconds":
            return (0...10_000_000).contains(value.doubleValue ?? -1) ? nil : "a number of seconds from 0 to 10000000"
        case "failureRate":
            return (0...1).contains(value.doubleValue ?? -1) ? nil : "a number from 0 to 1"
        case "rejectTokens":
            return value.boolValue != nil ? nil : "a boolean"
        case "secondaryRateLimit":
            return value == .null || SecondaryRateLimitFault(value) != nil
                ? nil
                : "null or {\"count\": a positive integer, \"retryAfter\": a non-negative integer of seconds or null}"
        case "contentCreationLimit":
            return value == .null || ContentCreationLimit(value) != nil
                ? nil : "null or {\"perMinute\": a positive integer, \"perHour\": a positive integer}"
        case "oauthAccessTokenSeconds":
            return value == .null || (1...31_536_000).contains(value.intValue ?? 0)
                ? nil : "null or an integer number of seconds from 1 to 31536000 (a year)"
        case "aliasError":
            return value == .null || AliasErrorFault(value) != nil
                ? nil : "null or {\"project\": a project name, \"code\": a non-empty string such as \"cert_missing\"}"
        default:
            return value == .null || value.stringValue?.isEmpty == false ? nil : "a non-empty string or null"
        }
    }

    /// Applies the update to `state`.
    func apply(to state: inout SandboxState) {
        guard !members.isEmpty else {
            state.configuration = state.startConfiguration
            state.faults = SandboxFaults(configuration: state.startConfiguration)
            state.failures = FailureInjector(seed: state.startConfiguration.seed)
            return
        }
        if let latency = members["latencyMs"]?.intValue { state.configuration.latencyMs = latency }
        if let delay = members["responseDelayMs"]?.intValue { state.configuration.responseDelayMs = delay }
        if let seconds = members["forkSeconds"]?.doubleValue { state.configuration.forkSeconds = seconds }
        if let seconds = members["buildSeconds"]?.doubleValue { state.configuration.buildSeconds = seconds }
        if let rate = members["failureRate"]?.doubleValue { state.configuration.failureRate = rate }
        if let seed = members["seed"]?.intValue {
            state.configuration.seed = UInt64(seed)
            state.failures = FailureInjector(seed: UInt64(seed))
        }
        if let flag = members["rejectTokens"]?.boolValue { state.faults.rejectTokens = flag }
        if let value = members["failDeployment"] { state.faults.failDeployment = value.stringValue }
        if let value = members["missingGitHubApp"] { state.faults.missingGitHubApp = value.stringValue }
        if let value = members["secondaryRateLimit"] {
            state.faults.secondaryRateLimit = SecondaryRateLimitFault(value)
        }
        if let value = members["readOnlyOwner"] { state.faults.readOnlyOwner = value.stringValue }
        if let value = members["aliasError"] { state.faults.aliasError = AliasErrorFault(value) }
        if let value = members["oauthAccessTokenSeconds"] { state.faults.oauthAccessTokenSeconds = value.intValue }
        if let value = members["contentCreationLimit"] {
            state.faults.contentCreationLimit = ContentCreationLimit(value)
            state.contentCreations = []
        }
    }
}

/// Why a `POST /sandbox/faults` body was refused.
struct FaultsUpdateError: Error, Sendable {
    /// A stable machine code.
    let code: String
    /// A sentence for people.
    let message: String
    /// The field concerned.
    let field: String?

    init(_ code: String, _ message: String, field: String?) {
        self.code = code
        self.message = message
        self.field = field
    }
}
