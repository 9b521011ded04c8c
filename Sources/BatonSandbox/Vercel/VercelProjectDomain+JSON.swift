extension VercelProjectDomain {
    /// The project-domain JSON: `verification` lists the TXT challenge while unverified.
    var json: JSONValue {
        var members: [String: JSONValue] = [
            "name": .string(name), "apexName": .string(apexName), "projectId": .string(projectID),
            "verified": .bool(verified), "redirect": .optional(redirect),
            "redirectStatusCode": redirectStatusCode.map(JSONValue.int) ?? .null, "gitBranch": .optional(gitBranch),
            "customEnvironmentId": nil, "createdAt": VercelTimestamp.json(createdAt),
            "updatedAt": VercelTimestamp.json(updatedAt),
        ]
        if !verified { members["verification"] = [challengeJSON] }
        return .object(members)
    }
}
