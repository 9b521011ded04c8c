import BatonCore

/// `assign-domain`: adds `<subdomain>.<domain>` to the app's Vercel project, or adopts it when it is there already.
struct AssignDomainAction: SingleStepProviderAction {
    let clients: ProviderClients

    var timeouts: ActionTimeouts { ActionTimeouts(attempt: .seconds(180)) }

    func advance(_ state: State, context: ActionContext) async throws -> ProviderStep<State> {
        guard let apex = context.config.domain else {
            return .failed(ActionFailure(
                code: "no_domain", message: "The workflow has no domain.", retryable: false,
                fix: "Start a new workflow with a domain."
            ))
        }
        let domain = "\(context.app.subdomain).\(apex)"
        let projectID = try context.output(CreateProjectOutput.self).projectID
        let team = clients.teamID(context)
        if let existing = try await clients.vercel(for: context).projectDomain(domain, projectID: projectID, teamID: team) {
            return try succeeded(existing, message: "\(domain) is on the project already")
        }
        switch try await clients.vercel(for: context).addDomain(domain, projectID: projectID, teamID: team) {
        case .added(let added):
            return try succeeded(added, message: "Added \(domain)")
        case .alreadyOnProject:
            guard let existing = try await clients.vercel(for: context).projectDomain(domain, projectID: projectID, teamID: team) else {
                return .wait(.begin, after: .seconds(1), message: "Vercel says \(domain) is on the project but cannot show it yet")
            }
            return try succeeded(existing, message: "\(domain) is on the project already")
        case .inUseElsewhere(let message):
            return .failed(ActionFailure(
                code: "domain_in_use",
                message: "\(domain) belongs to another Vercel project or account. Vercel said: \(message)",
                retryable: false,
                fix: "Remove \(domain) from the project or account that has it, then trigger the action again."
            ))
        case .refused(let code, let message):
            return .failed(ActionFailure(
                code: code, message: "Vercel refused \(domain): \(message)", retryable: false,
                fix: "Read Vercel's message; once the domain is allowed on the team, trigger the action again."
            ))
        }
    }

    private func succeeded(_ domain: VercelProjectDomain, message: String) throws -> ProviderStep<State> {
        try .succeeded(AssignDomainOutput(domain: domain.name, apexName: domain.apexName, verified: domain.verified), message: message)
    }
}
