import Synchronization

/// The control endpoints: never delayed, never failed, never counted as provider calls.
extension ProviderSandbox {
    /// `GET /sandbox/state`.
    func stateSnapshot() -> JSONValue {
        let now = clock.now()
        return state.withLock { $0.snapshot(at: now) }
    }

    /// `POST /sandbox/faults`: applies the update and returns the knobs now in force.
    func updateFaults(_ body: ProviderRequestBody) -> (Int, JSONValue) {
        switch FaultsUpdate.parse(body) {
        case .failure(let error):
            return ControlError.badRequest(error.code, error.message, field: error.field)
        case .success(let update):
            return (
                200,
                state.withLock { state in
                    update.apply(to: &state)
                    return state.knobsJSON
                }
            )
        }
    }

    /// `POST /sandbox/dns {"name": "a.example.com"}`: marks the domain's DNS records (A/CNAME and TXT) as set,
    /// which makes its configuration check pass and verifies it on its project.
    func setDNS(_ body: ProviderRequestBody) -> (Int, JSONValue) {
        guard case .json(.object(let members)) = body, let requested = members["name"]?.stringValue else {
            return ControlError.badRequest("invalid_body", "The body must be {\"name\": \"<domain>\"}.", field: "name")
        }
        if let unknown = members.keys.sorted().first(where: { $0 != "name" }) {
            return ControlError.badRequest(
                "unknown_field", "Unknown field `\(unknown)`; known fields: name.", field: unknown)
        }
        guard let domain = DomainName(requested) else {
            return ControlError.badRequest(
                "invalid_domain", "\"\(requested)\" is not a valid domain name.", field: "name")
        }
        let now = clock.now()
        let verifiedCount = state.withLock { state in
            state.vercel.configuredDomainNames.insert(domain.name)
            var count = 0
            for index in state.vercel.domains.indices where state.vercel.domains[index].name == domain.name {
                if !state.vercel.domains[index].verified {
                    state.vercel.domains[index].verified = true
                    state.vercel.domains[index].updatedAt = now
                }
                count += 1
            }
            return count
        }
        return (200, ["name": .string(domain.name), "dnsConfigured": true, "projectDomains": .int(verifiedCount)])
    }
}
