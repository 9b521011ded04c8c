public import BatonCore

/// `present-dns`: reads the domain's configuration and the project's claim on it, and outputs the DNS records
/// the user must create: the rank-1 A record for an apex or CNAME for a subdomain, plus any TXT verification
/// records, and whether the DNS is correct already.
struct PresentDNSAction: ProviderStepAction {
    let clients: ProviderClients

    enum State: Codable, Sendable {
        case begin
        /// The project's claim on the domain is read (and verification asked for); its DNS configuration is next.
        case readingConfig(VercelProjectDomain)
    }

    var initialState: State { .begin }

    var timeouts: ActionTimeouts { ActionTimeouts(attempt: .seconds(180)) }

    func advance(_ state: State, context: ActionContext) async throws -> ProviderStep<State> {
        let projectID = try context.output(CreateProjectOutput.self).projectID
        let team = clients.teamID(context)
        switch state {
        case .begin:
            let domain = try context.output(AssignDomainOutput.self).domain
            guard var projectDomain = try await clients.vercel(for: context).projectDomain(domain, projectID: projectID, teamID: team) else {
                return .failed(ActionFailure(
                    code: "domain_missing", message: "\(domain) is no longer on the Vercel project.", retryable: false,
                    fix: "Trigger assign-domain again to put it back, then this action."
                ))
            }
            if !projectDomain.verified, let verified = try await clients.vercel(for: context).verifyDomain(domain, projectID: projectID, teamID: team) {
                projectDomain = verified
            }
            return .next(.readingConfig(projectDomain), message: "Reading Vercel's DNS recommendation for \(domain)")
        case .readingConfig(let projectDomain):
            let domain = projectDomain.name
            let config = try await clients.vercel(for: context).domainConfig(domain, projectID: projectID, teamID: team)
            let records = DNSRecords.records(for: projectDomain, config: config)
            guard !records.isEmpty else {
                return .failed(ActionFailure(
                    code: "no_recommendation", message: "Vercel recommended no DNS record for \(domain).", retryable: true,
                    fix: "Trigger the action again in a minute; Vercel fills in its recommendation shortly after a domain is added."
                ))
            }
            let verified = projectDomain.verified && !config.misconfigured
            let message = verified ? "DNS for \(domain) is correct" : "Create \(records.count) DNS record\(records.count == 1 ? "" : "s") for \(domain)"
            return try .succeeded(PresentDNSOutput(domain: domain, records: records, verified: verified), message: message)
        }
    }
}

/// Turns Vercel's recommendations into the records of ``PresentDNSOutput``.
public enum DNSRecords {
    /// The records for `domain`: rank-1 A (apex) or CNAME (subdomain), then the TXT challenges.
    public static func records(for domain: VercelProjectDomain, config: VercelDomainConfig) -> [DNSRecord] {
        var records: [DNSRecord] = []
        if domain.name == domain.apexName {
            if let address = config.recommendedIPv4.min(by: { $0.rank < $1.rank })?.value.first {
                records.append(DNSRecord(type: "A", name: "@", value: address))
            }
        } else if let target = config.recommendedCNAME.min(by: { $0.rank < $1.rank })?.value {
            records.append(DNSRecord(type: "CNAME", name: relativeName(domain.name, apex: domain.apexName), value: target))
        }
        for challenge in domain.verification ?? [] where challenge.type == "TXT" {
            records.append(DNSRecord(type: "TXT", name: relativeName(challenge.domain, apex: domain.apexName), value: challenge.value))
        }
        return records
    }

    /// `a.example.com` under `example.com` is `a`; the apex itself is `@`.
    static func relativeName(_ name: String, apex: String) -> String {
        if name == apex { return "@" }
        return name.hasSuffix(".\(apex)") ? String(name.dropLast(apex.count + 1)) : name
    }
}
