/// `POST /v10/projects/{idOrName}/env` and `GET /v10/projects/{idOrName}/env`.
enum VercelEnvironmentHandlers {
    private struct Failure {
        let status: Int
        let error: JSONValue
    }

    /// Creates variables from one object or an array; with `?upsert=true` an existing key with the same targets
    /// (compared as sets) gets the new value instead of failing with 403 `ENV_ALREADY_EXISTS`. An upsert of a key
    /// that exists for only some of the targets, or for others besides, is refused whole: 400 `ENV_CONFLICT` and
    /// nothing of the request is applied (a key whose targets are all different is a new variable, as without
    /// upsert). Answers 201 `{created, failed}`, or the first failure's status and error when nothing could be
    /// created.
    static func create(_ state: inout SandboxState, _ call: ProviderCall) throws(ProviderReply) -> ProviderReply {
        let project = try VercelProjectHandlers.project(call, in: state.vercel)
        let items: [JSONValue]
        let isBatch: Bool
        switch call.body {
        case .json(.array(let many)): (items, isBatch) = (many, true)
        case .json(.object(let one)): (items, isBatch) = ([.object(one)], false)
        default: throw VercelErrorReply.badRequest("Invalid request: should be object or array.")
        }
        guard !items.isEmpty else {
            throw VercelErrorReply.badRequest("Invalid request: should NOT have fewer than 1 items.")
        }
        var drafts: [VercelEnvironmentDraft] = []
        for item in items { drafts.append(try VercelEnvironmentDraft.envEndpointItem(item)) }

        let upsert = call.query["upsert"] == "true"
        if upsert {
            try checkTargetConflicts(drafts, projectID: project.id, in: state.vercel)
        }
        var created: [JSONValue] = []
        var failures: [Failure] = []
        for draft in drafts {
            if draft.type == "sensitive", draft.targets.contains("development") {
                let message = "Sensitive environment variables cannot be created in the Development environment."
                failures.append(
                    Failure(
                        status: 400,
                        error: ["code": "bad_request", "message": .string(message), "key": .string(draft.key)]))
                continue
            }
            let existingIndex = state.vercel.environmentVariables.firstIndex { variable in
                variable.projectID == project.id
                    && variable.conflicts(key: draft.key, targets: draft.targets, gitBranch: draft.gitBranch)
            }
            if let index = existingIndex {
                var existing = state.vercel.environmentVariables[index]
                guard upsert else {
                    failures.append(Failure(status: 403, error: alreadyExists(existing, project: project)))
                    continue
                }
                existing.value = draft.value
                existing.type = draft.type
                existing.comment = draft.comment ?? existing.comment
                existing.updatedAt = call.now
                state.vercel.environmentVariables[index] = existing
                created.append(existing.json)
            } else {
                let variable = draft.makeVariable(
                    id: state.identifiers.make(prefix: "", length: 16), projectID: project.id, now: call.now,
                    creator: VercelCreator(call.caller))
                state.vercel.environmentVariables.append(variable)
                created.append(variable.json)
            }
        }
        if created.isEmpty, let first = failures.first {
            return ProviderReply(status: first.status, body: ["error": first.error])
        }
        let createdJSON: JSONValue = isBatch ? .array(created) : created[0]
        return ProviderReply(
            status: 201, body: ["created": createdJSON, "failed": .array(failures.map { ["error": $0.error] })])
    }

    /// Lists the project's variables; values of non-`plain` variables stay encrypted.
    static func list(_ state: inout SandboxState, _ call: ProviderCall) throws(ProviderReply) -> ProviderReply {
        let project = try VercelProjectHandlers.project(call, in: state.vercel)
        let variables = state.vercel.environmentVariables.filter { variable in
            variable.projectID == project.id && (call.query["gitBranch"].map { $0 == variable.gitBranch } ?? true)
        }
        return ProviderReply(
            status: 200,
            body: [
                "envs": .array(variables.map(\.json)),
                "pagination": ["count": .int(variables.count), "next": nil, "prev": nil],
            ])
    }

    /// Throws Vercel's 400 `ENV_CONFLICT` (providers.md §6.4) for the first upserted variable whose key exists with
    /// a target set that overlaps the requested one without being equal to it; the existing variable names the
    /// targets it has.
    private static func checkTargetConflicts(
        _ drafts: [VercelEnvironmentDraft], projectID: String, in world: VercelWorld
    ) throws(ProviderReply) {
        for draft in drafts {
            guard
                let existing = world.environmentVariables.first(where: { variable in
                    variable.projectID == projectID
                        && variable.conflicts(key: draft.key, targets: draft.targets, gitBranch: draft.gitBranch)
                }),
                Set(existing.targets) != Set(draft.targets)
            else { continue }
            let message =
                "The environment variable \(existing.key) already exists for the targets "
                + "\(existing.targets.joined(separator: ", ")); it cannot be upserted with the targets "
                + "\(draft.targets.joined(separator: ", "))."
            throw VercelErrorReply.make(
                400, code: "ENV_CONFLICT", message: message, extra: ["key": .string(existing.key)])
        }
    }

    private static func alreadyExists(_ existing: VercelEnvironmentVariable, project: VercelProject) -> JSONValue {
        let target = existing.targets.joined(separator: ", ")
        var error: [String: JSONValue] = [
            "code": "ENV_ALREADY_EXISTS",
            "message": .string(
                "A variable with the name `\(existing.key)` already exists for the target \(target) on branch "
                    + (existing.gitBranch ?? "undefined")),
            "key": .string(existing.key), "envVarKey": .string(existing.key), "envVarId": .string(existing.id),
            "target": .strings(existing.targets), "project": .string(project.name),
        ]
        error["gitBranch"] = existing.gitBranch.map(JSONValue.string)
        return .object(error)
    }
}
