/// Project domains: add, read, verify, and the DNS configuration check.
///
/// A domain needs a TXT challenge (`verified: false`) when its apex is already used by a project of another
/// account or team; otherwise it is verified at once. `POST /sandbox/dns` stands for the user setting the records.
enum VercelDomainHandlers {
    /// `POST /v10/projects/{idOrName}/domains`.
    static func add(_ state: inout SandboxState, _ call: ProviderCall) throws(ProviderReply) -> ProviderReply {
        let project = try VercelProjectHandlers.project(call, in: state.vercel)
        let members = try VercelRequestBody.members(
            of: call.body, allowed: ["name", "gitBranch", "customEnvironmentId", "redirect", "redirectStatusCode"],
            required: ["name"])
        let requested = try VercelRequestBody.string(members, "name") ?? ""
        guard let domain = DomainName(requested) else { throw invalidDomain(requested) }
        let gitBranch = try VercelRequestBody.string(members, "gitBranch", nullable: true)
        let redirect = try VercelRequestBody.string(members, "redirect", nullable: true)
        if gitBranch != nil, redirect != nil {
            throw VercelErrorReply.badRequest("You can't set both a git branch and a redirect for the domain")
        }
        let redirectStatusCode = members["redirectStatusCode"]?.intValue
        if let redirectStatusCode, ![301, 302, 307, 308].contains(redirectStatusCode) {
            throw VercelErrorReply.badRequest(
                "Invalid request: `redirectStatusCode` should be equal to one of the allowed values.")
        }
        if let existing = state.vercel.domains.first(where: { $0.name == domain.name }) {
            if existing.projectID == project.id {
                throw VercelErrorReply.make(
                    400, code: "domain_already_exists",
                    message: "The domain \"\(domain.name)\" is already assigned to this project.")
            }
            throw VercelErrorReply.make(
                409, code: "domain_already_in_use",
                message: "The domain \"\(domain.name)\" is already assigned to another Vercel project.")
        }
        let apexHeldElsewhere = state.vercel.domains.contains {
            $0.apexName == domain.apex && $0.scope != project.scope
        }
        let added = VercelProjectDomain(
            name: domain.name, apexName: domain.apex, projectID: project.id, scope: project.scope,
            verified: !apexHeldElsewhere || state.vercel.configuredDomainNames.contains(domain.name),
            challengeToken: state.identifiers.hex(length: 20), gitBranch: gitBranch, redirect: redirect,
            redirectStatusCode: redirectStatusCode, createdAt: call.now, updatedAt: call.now)
        state.vercel.domains.append(added)
        return ProviderReply(status: 200, body: added.json)
    }

    /// `GET /v9/projects/{idOrName}/domains/{domain}`: the project domain, or 404 `not_found`.
    static func get(_ state: inout SandboxState, _ call: ProviderCall) throws(ProviderReply) -> ProviderReply {
        let project = try VercelProjectHandlers.project(call, in: state.vercel)
        guard let index = domainIndex(call, project: project, in: state.vercel) else {
            throw VercelErrorReply.notFound("The domain \"\(call.parameter("domain"))\" was not found on this project")
        }
        return ProviderReply(status: 200, body: state.vercel.domains[index].json)
    }

    /// `POST /v9/projects/{idOrName}/domains/{domain}/verify`: 200 once the TXT record is "set", else 400
    /// `missing_txt_record`.
    static func verify(_ state: inout SandboxState, _ call: ProviderCall) throws(ProviderReply) -> ProviderReply {
        let project = try VercelProjectHandlers.project(call, in: state.vercel)
        guard let index = domainIndex(call, project: project, in: state.vercel) else {
            throw VercelErrorReply.badRequest("Project domain is not assigned to project")
        }
        var domain = state.vercel.domains[index]
        if !domain.verified {
            guard state.vercel.configuredDomainNames.contains(domain.name) else {
                let txtValue = "vc-domain-verify=\(domain.name),\(domain.challengeToken)"
                throw VercelErrorReply.make(
                    400, code: "missing_txt_record",
                    message: "Domain _vercel.\(domain.apexName) is missing required TXT Record \"\(txtValue)\"")
            }
            domain.verified = true
            domain.updatedAt = call.now
            state.vercel.domains[index] = domain
        }
        return ProviderReply(status: 200, body: domain.json)
    }

    /// `GET /v6/domains/{domain}/config`: `misconfigured` until `POST /sandbox/dns` marks the records as set.
    static func config(_ state: inout SandboxState, _ call: ProviderCall) throws(ProviderReply) -> ProviderReply {
        guard let domain = DomainName(call.parameter("domain")) else { throw invalidDomain(call.parameter("domain")) }
        if let reference = call.query["projectIdOrName"],
            state.vercel.project(reference, in: VercelScope(call)) == nil
        {
            throw VercelErrorReply.projectNotFound
        }
        let configured = state.vercel.configuredDomainNames.contains(domain.name)
        let configuredBy: JSONValue = configured ? (domain.isApex ? "A" : "CNAME") : .null
        return ProviderReply(
            status: 200,
            body: [
                "configuredBy": configuredBy, "acceptedChallenges": configured ? ["http-01"] : [],
                "recommendedIPv4": [["rank": 1, "value": ["76.76.21.21"]]],
                "recommendedCNAME": [["rank": 1, "value": "cname.vercel-dns-0.com"]],
                "misconfigured": .bool(!configured),
            ])
    }

    private static func domainIndex(_ call: ProviderCall, project: VercelProject, in world: VercelWorld) -> Int? {
        let name = DomainName(call.parameter("domain"))?.name ?? call.parameter("domain").lowercased()
        return world.domains.firstIndex { $0.projectID == project.id && $0.name == name }
    }

    private static func invalidDomain(_ name: String) -> ProviderReply {
        VercelErrorReply.make(400, code: "invalid_domain", message: "Invalid domain name \"\(name)\".")
    }
}
