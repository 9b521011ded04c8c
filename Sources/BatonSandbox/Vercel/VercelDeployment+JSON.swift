import Foundation

extension VercelDeployment {
    /// The full deployment JSON of `POST /v13/deployments` and `GET /v13/deployments/{idOrUrl}` in `phase`.
    func json(phase: VercelDeploymentPhase) -> JSONValue {
        let state = phase.readyState
        var members: [String: JSONValue] = [
            "id": .string(id), "name": .string(projectName), "url": .string(url), "projectId": .string(projectID),
            "project": [
                "id": .string(projectID), "name": .string(projectName),
                "framework": projectSettings["framework"] ?? .null,
            ],
            "readyState": .string(state), "status": .string(state), "target": .optional(target),
            "createdAt": VercelTimestamp.json(createdAt), "bootedAt": VercelTimestamp.json(instant(Self.queuedTenths)),
            "buildingAt": VercelTimestamp.json(instant(Self.buildingTenths)), "type": "LAMBDAS", "version": 2,
            "meta": .object(meta.mapValues(JSONValue.string)), "inspectorUrl": .string(inspectorURL),
            "aliasAssigned": .bool(phase.aliasAssigned), "alias": .strings(phase.aliasAssigned ? [aliasWhenReady] : []),
            "aliasError": aliasErrorJSON(phase), "automaticAliases": [], "public": false, "plan": "hobby",
            "regions": ["iad1"], "createdIn": "sfo1", "ownerId": .string(scope.accountID),
            "creator": creator.json,
            "build": ["env": []], "env": [], "routes": nil, "buildSkipped": false, "isInConcurrentBuildsQueue": false,
            "isInSystemBuildsQueue": false, "projectSettings": .object(projectSettings),
            "gitSource": [
                "type": "github", "repoId": .int(gitSource.repoID), "ref": .string(gitSource.ref),
                "sha": .string(gitSource.sha), "prId": nil,
            ],
        ]
        if scope.isTeam {
            members["team"] = [
                "id": .string(scope.accountID), "name": .string(scope.slug), "slug": .string(scope.slug),
            ]
        }
        if state == "READY" {
            members["ready"] = VercelTimestamp.json(instant(Self.readyTenths))
            members["readySubstate"] = target == "production" ? "PROMOTED" : "STAGED"
        }
        if phase.aliasAssigned {
            members["aliasAssignedAt"] = VercelTimestamp.json(instant(Self.aliasTenths))
        }
        if state == "ERROR" {
            members["errorCode"] = "BUILD_FAILED"
            members["errorMessage"] = "Command \"npm run build\" exited with 1"
            members["errorStep"] = "build"
            members["buildErrorAt"] = VercelTimestamp.json(instant(Self.readyTenths))
        }
        if state == "CANCELED", let canceledAt {
            members["canceledAt"] = VercelTimestamp.json(canceledAt)
        }
        return .object(members)
    }

    /// The shorter JSON of a `GET /v6/deployments` list item in `phase`.
    func listItemJSON(phase: VercelDeploymentPhase) -> JSONValue {
        var members: [String: JSONValue] = [
            "uid": .string(id), "name": .string(projectName), "projectId": .string(projectID), "url": .string(url),
            "created": VercelTimestamp.json(createdAt), "createdAt": VercelTimestamp.json(createdAt),
            "buildingAt": VercelTimestamp.json(instant(Self.buildingTenths)),
            "state": .string(phase.readyState), "readyState": .string(phase.readyState), "type": "LAMBDAS",
            "creator": creator.json,
            "meta": .object(meta.mapValues(JSONValue.string)), "target": .optional(target),
            "aliasAssigned": .bool(phase.aliasAssigned), "aliasError": aliasErrorJSON(phase),
            "inspectorUrl": .string(inspectorURL),
        ]
        if phase.readyState == "READY" { members["ready"] = VercelTimestamp.json(instant(Self.readyTenths)) }
        if phase.readyState == "ERROR" {
            members["errorCode"] = "BUILD_FAILED"
            members["errorMessage"] = "Command \"npm run build\" exited with 1"
        }
        return .object(members)
    }

    /// `aliasError` in `phase`: `{code, message}` once `READY` with an alias failure, else null.
    func aliasErrorJSON(_ phase: VercelDeploymentPhase) -> JSONValue {
        phase.aliasFailed ? aliasFailure?.json ?? .null : .null
    }

    /// The dashboard page of the deployment.
    var inspectorURL: String {
        "https://vercel.com/\(scope.slug)/\(projectName)/\(id.replacingOccurrences(of: "dpl_", with: ""))"
    }
}
