extension VercelProject {
    /// The project JSON of `POST /v11/projects` and `GET /v9/projects/{idOrName}`.
    func json(in world: VercelWorld) -> JSONValue {
        let regions: JSONValue = ["functionDefaultRegions": ["iad1"]]
        var members: [String: JSONValue] = [
            "id": .string(id), "name": .string(name), "accountId": .string(scope.accountID),
            "framework": .optional(framework), "nodeVersion": "22.x", "directoryListing": false,
            "resourceConfig": regions, "defaultResourceConfig": regions, "createdAt": VercelTimestamp.json(createdAt),
            "updatedAt": VercelTimestamp.json(createdAt), "autoExposeSystemEnvs": true, "autoAssignCustomDomains": true,
            "gitForkProtection": true, "gitLFS": false, "publicSource": nil, "live": false,
            "sourceFilesOutsideRootDirectory": true,
            "env": .array(world.environmentVariables.filter { $0.projectID == id }.map(\.json)),
        ]
        for setting in VercelProjectHandlers.settingNames {
            members[setting] = settings[setting] ?? .null
        }
        if let link {
            members["link"] = [
                "type": "github", "org": .string(link.org), "repo": .string(link.repo), "repoId": .int(link.repoID),
                "repoOwnerId": .int(link.repoOwnerID), "productionBranch": .string(link.productionBranch),
                "gitCredentialId": .string(link.gitCredentialID), "deployHooks": [], "sourceless": true,
                "createdAt": VercelTimestamp.json(createdAt), "updatedAt": VercelTimestamp.json(createdAt),
            ]
        }
        return .object(members)
    }
}

extension VercelEnvironmentVariable {
    /// The variable as Vercel shows it: the value only for `plain` variables, an opaque ciphertext otherwise.
    var json: JSONValue {
        var members: [String: JSONValue] = [
            "id": .string(id), "key": .string(key), "type": .string(type), "target": .strings(targets),
            "value": .string(type == "plain" ? value : "sbx-encrypted:\(id)"), "decrypted": false,
            "configurationId": nil, "createdAt": VercelTimestamp.json(createdAt),
            "updatedAt": VercelTimestamp.json(updatedAt), "createdBy": .string(creator.id),
            "updatedBy": nil,
        ]
        members["gitBranch"] = gitBranch.map(JSONValue.string)
        members["comment"] = comment.map(JSONValue.string)
        return .object(members)
    }
}
