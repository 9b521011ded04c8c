import Foundation

extension SandboxState {
    /// The body of `GET /sandbox/state` at `now`: what exists, how far it got, and the calls counted.
    /// Environment variables appear by key only; their values are never shown; OAuth appears as counters, never a
    /// code or token.
    func snapshot(at now: Date) -> JSONValue {
        let repositories = github.repositories.map { repository -> JSONValue in
            [
                "fullName": .string(repository.fullName), "owner": .string(repository.ownerLogin),
                "id": .int(repository.id), "fork": .bool(repository.isFork),
                "isTemplate": .bool(repository.isTemplate), "ready": .bool(repository.isReady(at: now)),
            ]
        }
        let projects = vercel.projects.map { project -> JSONValue in
            [
                "id": .string(project.id), "name": .string(project.name), "accountId": .string(project.scope.accountID),
                "repo": .optional(project.link.map { "\($0.org)/\($0.repo)" }),
            ]
        }
        let deployments = vercel.deployments.map { deployment -> JSONValue in
            let phase = deployment.phase(at: now)
            return [
                "id": .string(deployment.id), "projectId": .string(deployment.projectID),
                "readyState": .string(phase.readyState), "aliasAssigned": .bool(phase.aliasAssigned),
                "aliasError": deployment.aliasErrorJSON(phase),
                "target": .optional(deployment.target), "url": .string(deployment.url),
                "meta": .object(deployment.meta.mapValues(JSONValue.string)),
            ]
        }
        let domains = vercel.domains.map { domain -> JSONValue in
            ["name": .string(domain.name), "projectId": .string(domain.projectID), "verified": .bool(domain.verified)]
        }
        let variables = vercel.environmentVariables.map { variable -> JSONValue in
            [
                "projectId": .string(variable.projectID), "key": .string(variable.key),
                "target": .strings(variable.targets),
            ]
        }
        return [
            "repositories": .array(repositories), "projects": .array(projects), "deployments": .array(deployments),
            "domains": .array(domains), "envVars": .array(variables),
            "dnsConfigured": .strings(vercel.configuredDomainNames.sorted()),
            "calls": .object(calls.mapValues(JSONValue.int)), "faults": knobsJSON,
            "refusals": ["contentCreationLimit": .int(contentCreationRefusals)], "oauth": oauth.counters.json,
        ]
    }

    /// The knobs and targeted faults in force, as `POST /sandbox/faults` returns them.
    var knobsJSON: JSONValue {
        [
            "latencyMs": .int(configuration.latencyMs), "forkSeconds": .double(configuration.forkSeconds),
            "buildSeconds": .double(configuration.buildSeconds), "failureRate": .double(configuration.failureRate),
            "seed": Int(exactly: configuration.seed).map(JSONValue.int) ?? .string(String(configuration.seed)),
            "failDeployment": .optional(faults.failDeployment), "rejectTokens": .bool(faults.rejectTokens),
            "missingGitHubApp": .optional(faults.missingGitHubApp),
            "secondaryRateLimit": faults.secondaryRateLimit?.json ?? .null,
            "readOnlyOwner": .optional(faults.readOnlyOwner), "aliasError": faults.aliasError?.json ?? .null,
            "contentCreationLimit": faults.contentCreationLimit?.json ?? .null,
            "oauthAccessTokenSeconds": faults.oauthAccessTokenSeconds.map(JSONValue.int) ?? .null,
            "responseDelayMs": .int(configuration.responseDelayMs),
        ]
    }
}
