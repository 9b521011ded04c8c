/// Reads Vercel request bodies the way Vercel validates them (`Invalid request: …` 400s).
enum VercelRequestBody {
    /// The members of an object body, after checking for unknown and missing properties.
    static func members(
        of body: ProviderRequestBody, allowed: Set<String>, required: [String] = []
    ) throws(ProviderReply) -> [String: JSONValue] {
        guard case .json(let document) = body else {
            throw VercelErrorReply.badRequest("Invalid request: the body must be a JSON object.")
        }
        return try object(document, allowed: allowed, required: required, path: nil)
    }

    /// The members of `value` as an object with only `allowed` properties and all of `required`.
    /// - Parameter path: the property holding the object, for messages (nil at the top level).
    static func object(
        _ value: JSONValue, allowed: Set<String>, required: [String] = [], path: String?
    ) throws(ProviderReply) -> [String: JSONValue] {
        let subject = path.map { "`\($0)` " } ?? ""
        guard let members = value.objectValue else {
            throw VercelErrorReply.badRequest("Invalid request: \(subject)should be object.")
        }
        if let unknown = members.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw VercelErrorReply.badRequest(
                "Invalid request: \(subject)should NOT have additional property `\(unknown)`.")
        }
        if let missing = required.first(where: { members[$0] == nil }) {
            throw VercelErrorReply.badRequest("Invalid request: \(subject)missing required property `\(missing)`.")
        }
        return members
    }

    /// The string at `name`; nil when absent (or `null` if `nullable`), 400 when of another type.
    static func string(_ members: [String: JSONValue], _ name: String, nullable: Bool = false) throws(ProviderReply)
        -> String?
    {
        switch members[name] {
        case nil: return nil
        case .null? where nullable: return nil
        case .string(let text)?: return text
        default: throw VercelErrorReply.badRequest("Invalid request: `\(name)` should be string.")
        }
    }

    /// Checks that the optional `name` is one of `allowed` (or null when `nullable`).
    static func checkOneOf(
        _ members: [String: JSONValue], _ name: String, _ allowed: [String], nullable: Bool = false
    ) throws(ProviderReply) {
        guard let value = members[name] else { return }
        if value == .null, nullable { return }
        guard let text = value.stringValue, allowed.contains(text) else {
            throw VercelErrorReply.badRequest(
                "Invalid request: `\(name)` should be equal to one of the allowed values.")
        }
    }

    /// Checks that each present property in `names` is a string or null — the build settings Vercel echoes.
    static func checkNullableStrings(_ members: [String: JSONValue], _ names: [String]) throws(ProviderReply) {
        for name in names { _ = try string(members, name, nullable: true) }
    }
}
