import BatonCore

/// `create-project`: creates the Vercel project `<owner>-<app id>` linked to the app's repository,
/// or adopts the project of that name when it is linked to the same repository.
struct CreateProjectAction: SingleStepProviderAction {
    let clients: ProviderClients

    var timeouts: ActionTimeouts { ActionTimeouts(attempt: .seconds(180)) }

    func advance(_ state: State, context: ActionContext) async throws -> ProviderStep<State> {
        let repository = try context.output(ForkRepositoryOutput.self).fullName
        let name = Self.projectName(owner: context.config.github.owner, appID: context.app.id)
        let team = clients.teamID(context)
        if let existing = try await clients.vercel(for: context).project(name, teamID: team) {
            return try adopt(existing, repository: repository, team: team)
        }
        switch try await clients.vercel(for: context).createProject(name: name, framework: context.app.framework, repository: repository, teamID: team) {
        case .created(let project):
            return try succeeded(project, team: team, message: "Created the Vercel project \(project.name)")
        case .nameTaken:
            guard let existing = try await clients.vercel(for: context).project(name, teamID: team) else {
                return .wait(.begin, after: .seconds(1), message: "Vercel says \(name) exists but cannot show it yet")
            }
            return try adopt(existing, repository: repository, team: team)
        case .repositoryNotAccessible(let message):
            return .failed(ActionFailure(
                code: "github_app_missing",
                message: "Vercel cannot access \(repository). Vercel said: \(message)",
                retryable: false,
                fix: "Install the Vercel GitHub App for \(context.config.github.owner) with access to \(repository) (https://github.com/apps/vercel), then trigger the action again."
            ))
        }
    }

    /// The project name for an app: `<owner>-<app id>`, in lower case.
    static func projectName(owner: String, appID: String) -> String {
        "\(owner)-\(appID)".lowercased()
    }

    private func adopt(_ project: VercelProject, repository: String, team: String?) throws -> ProviderStep<State> {
        guard project.isLinked(to: repository) else {
            let linked = project.link.flatMap { link in link.org.flatMap { org in link.repo.map { "\(org)/\($0)" } } } ?? "no repository"
            return .failed(ActionFailure(
                code: "project_linked_elsewhere",
                message: "A Vercel project named \(project.name) exists and is linked to \(linked), not \(repository).",
                retryable: false,
                fix: "Rename or delete the Vercel project \(project.name), or deploy to another GitHub owner, then trigger the action again."
            ))
        }
        return try succeeded(project, team: team, message: "Adopted the existing Vercel project \(project.name)")
    }

    private func succeeded(_ project: VercelProject, team: String?, message: String) throws -> ProviderStep<State> {
        try .succeeded(CreateProjectOutput(
            projectID: project.id, name: project.name, dashboardURL: "https://vercel.com/\(team ?? "dashboard")/\(project.name)"
        ), message: message)
    }
}
