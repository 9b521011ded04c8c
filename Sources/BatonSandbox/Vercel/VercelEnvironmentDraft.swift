import Foundation

/// An environment variable as requested, validated but not yet stored.
struct VercelEnvironmentDraft: Sendable, Equatable {
    /// The variable types Vercel knows.
    static let types = ["system", "secret", "encrypted", "plain", "sensitive"]
    /// The standard targets.
    static let targets = ["production", "preview", "development"]

    let key: String
    let value: String
    let type: String
    let targets: [String]
    let gitBranch: String?
    let comment: String?

    /// One item of `POST /v10/projects/{idOrName}/env` (`key`, `value`, `type` and `target` required).
    static func envEndpointItem(_ item: JSONValue) throws(ProviderReply) -> VercelEnvironmentDraft {
        let members = try VercelRequestBody.object(
            item, allowed: ["key", "value", "type", "target", "gitBranch", "comment", "customEnvironmentIds"],
            required: ["key", "value", "type"], path: nil)
        if let custom = members["customEnvironmentIds"]?.arrayValue, !custom.isEmpty {
            throw VercelErrorReply.badRequest("The sandbox does not imitate custom environments.")
        }
        guard members["target"] != nil else {
            throw VercelErrorReply.badRequest("Invalid request: missing required property `target`.")
        }
        return try make(members, defaultType: nil)
    }

    /// The `environmentVariables` of `POST /v11/projects` (`type` optional, default `encrypted`).
    static func projectVariables(_ value: JSONValue) throws(ProviderReply) -> [VercelEnvironmentDraft] {
        guard let items = value.arrayValue else {
            throw VercelErrorReply.badRequest("Invalid request: `environmentVariables` should be array.")
        }
        var drafts: [VercelEnvironmentDraft] = []
        for item in items {
            let members = try VercelRequestBody.object(
                item, allowed: ["key", "value", "target", "type", "gitBranch"], required: ["key", "value", "target"],
                path: "environmentVariables")
            drafts.append(try make(members, defaultType: "encrypted"))
        }
        return drafts
    }

    private static func make(_ members: [String: JSONValue], defaultType: String?) throws(ProviderReply)
        -> VercelEnvironmentDraft
    {
        let key = try VercelRequestBody.string(members, "key") ?? ""
        let value = try VercelRequestBody.string(members, "value") ?? ""
        guard !key.isEmpty else { throw VercelErrorReply.badRequest("Invalid request: `key` should not be empty.") }
        try VercelRequestBody.checkOneOf(members, "type", types)
        let targets: [String]
        switch members["target"] {
        case .string(let single)?: targets = [single]
        case .array(let many)?: targets = many.compactMap(\.stringValue)
        default: throw VercelErrorReply.badRequest("Invalid request: `target` should be array.")
        }
        guard !targets.isEmpty, targets.allSatisfy(Self.targets.contains),
            targets.count == members["target"]?.arrayValue?.count ?? 1
        else {
            throw VercelErrorReply.badRequest("Invalid request: `target` should be equal to one of the allowed values.")
        }
        return VercelEnvironmentDraft(
            key: key, value: value, type: members["type"]?.stringValue ?? defaultType ?? "encrypted",
            targets: targets, gitBranch: try VercelRequestBody.string(members, "gitBranch", nullable: true),
            comment: try VercelRequestBody.string(members, "comment"))
    }

    /// The stored variable for this draft.
    func makeVariable(id: String, projectID: String, now: Date, creator: VercelCreator) -> VercelEnvironmentVariable {
        VercelEnvironmentVariable(
            id: id, projectID: projectID, key: key, value: value, type: type, targets: targets, gitBranch: gitBranch,
            comment: comment, createdAt: now, updatedAt: now, creator: creator)
    }
}
