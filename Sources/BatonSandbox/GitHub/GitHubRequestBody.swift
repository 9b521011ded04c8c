/// Reads GitHub request bodies the way GitHub validates them: 400 for non-JSON, 422 for wrong types.
enum GitHubRequestBody {
    /// The JSON type a body field must have.
    enum FieldType: String {
        case string
        case boolean
    }

    /// The members of the body; an absent or `null` body is empty unless `required`.
    static func members(
        of body: ProviderRequestBody, required: Bool, documentation: String
    ) throws(ProviderReply) -> [String: JSONValue] {
        switch body {
        case .absent where !required, .json(.null) where !required:
            return [:]
        case .absent, .malformed:
            throw GitHubErrorReply.problemsParsingJSON(documentation)
        case .json(.object(let members)):
            return members
        case .json:
            throw GitHubErrorReply.bodyShouldBeObject(documentation)
        }
    }

    /// Checks that each present field in `fields` has its type, as GitHub's schema validation does.
    static func checkTypes(
        _ members: [String: JSONValue], _ fields: [(String, FieldType)], documentation: String
    ) throws(ProviderReply) {
        for (name, type) in fields {
            guard let value = members[name] else { continue }
            let matches: Bool =
                switch type {
                case .string: value.stringValue != nil
                case .boolean: value.boolValue != nil
                }
            if !matches {
                let shown = String(decoding: value.encodedData(), as: UTF8.self)
                throw GitHubErrorReply.invalidRequest(
                    "For 'properties/\(name)', \(shown) is not a \(type.rawValue).", documentation: documentation)
            }
        }
    }

    /// `name` made into a valid repository name the way GitHub does: characters outside `[A-Za-z0-9._-]` become `-`.
    static func repositoryName(_ name: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        return String(name.prefix(100).map { allowed.contains($0) ? $0 : "-" })
    }
}
