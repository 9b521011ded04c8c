import BatonCore
import Foundation

/// `fork-repository`: makes the app's repository in the workflow's GitHub owner, by forking the template
/// (or generating from it, when the catalog says so), and waits until its default branch has a commit.
///
/// It converges: GitHub answers a second fork request with the existing fork, and a generated repository
/// that exists already is adopted when it was made from the same template. Once GitHub has answered the fork or
/// generate request, the repository is recorded, so a request cut off while waiting for its content never asks again.
/// GitHub copies a large template for minutes; the attempt is bounded by ``timeouts`` (10 minutes by default).
struct ForkRepositoryAction: ProviderStepAction {
    let clients: ProviderClients

    enum State: Codable, Sendable {
        case begin
        case waitingForContent(NewRepository)
    }

    var timeouts: ActionTimeouts { ActionTimeouts(attempt: .seconds(600)) }

    /// The repository being made, as the outputs will describe it.
    struct NewRepository: Codable, Sendable {
        var id: Int
        var owner: String
        var name: String
        var fullName: String
        var url: String
        var defaultBranch: String

        init(_ repository: GitHubRepository) {
            id = repository.id
            owner = repository.owner.login
            name = repository.name
            fullName = repository.fullName
            url = repository.htmlURL
            defaultBranch = repository.defaultBranch
        }
    }

    var initialState: State { .begin }

    func advance(_ state: State, context: ActionContext) async throws -> ProviderStep<State> {
        switch state {
        case .begin:
            switch try await makeRepository(context) {
            case .success(let repository):
                return .next(.waitingForContent(repository), message: "Waiting for GitHub to copy the template into \(repository.fullName)")
            case .failure(let failure):
                return .failed(failure)
            }
        case .waitingForContent(let repository):
            return try await checkContent(repository)
        }
    }

    private func makeRepository(_ context: ActionContext) async throws -> Result<NewRepository, ActionFailure> {
        let template = context.app.template
        let parts = template.split(separator: "/").map(String.init)
        let owner = context.config.github.owner
        switch context.app.repository {
        case .fork:
            let login = try await clients.github.authenticatedLogin()
            let organization = login.lowercased() == owner.lowercased() ? nil : owner
            guard let fork = try await clients.github.fork(owner: parts[0], name: parts[1], into: organization) else {
                return .failure(templateNotFound(template))
            }
            return .success(NewRepository(fork))
        case .generate:
            let name = parts[1]
            if let existing = try await clients.github.repository(owner: owner, name: name) {
                return adopt(existing, template: template)
            }
            switch try await clients.github.generate(templateOwner: parts[0], templateName: parts[1], owner: owner, name: name) {
            case .created(let repository):
                return .success(NewRepository(repository))
            case .templateNotFound:
                return .failure(templateNotFound(template))
            case .nameTaken:
                guard let existing = try await clients.github.repository(owner: owner, name: name) else {
                    return .failure(ActionFailure(
                        code: "name_taken", message: "GitHub says \(owner)/\(name) exists but cannot show it.", retryable: true,
                        fix: "Trigger the action again in a moment; if it persists, check that GITHUB_TOKEN can read \(owner)/\(name)."
                    ))
                }
                return adopt(existing, template: template)
            }
        }
    }

    private func adopt(_ repository: GitHubRepository, template: String) -> Result<NewRepository, ActionFailure> {
        guard repository.isCopy(of: template) else {
            return .failure(ActionFailure(
                code: "repository_exists",
                message: "\(repository.fullName) already exists and was not made from \(template).",
                retryable: false,
                fix: "Rename or delete \(repository.fullName) on GitHub, or deploy to another owner, then trigger the action again."
            ))
        }
        return .success(NewRepository(repository))
    }

    private func checkContent(_ repository: NewRepository) async throws -> ProviderStep<State> {
        let branch = try await clients.github.branchState(owner: repository.owner, name: repository.name, branch: repository.defaultBranch)
        if case .ready = branch {
            return .succeeded(outputs: [
                "fullName": .string(repository.fullName),
                "owner": .string(repository.owner),
                "name": .string(repository.name),
                "url": .string(repository.url),
                "repositoryId": .number(Double(repository.id)),
                "defaultBranch": .string(repository.defaultBranch),
            ], message: "\(repository.fullName) is ready")
        }
        return .wait(.waitingForContent(repository), after: .seconds(1),
                     message: "Waiting for GitHub to copy the template into \(repository.fullName)")
    }

    private func templateNotFound(_ template: String) -> ActionFailure {
        ActionFailure(
            code: "template_not_found", message: "The template repository \(template) does not exist or GITHUB_TOKEN cannot see it.",
            retryable: false,
            fix: "Check the catalog's template for this app, and that GITHUB_TOKEN can read \(template) (a fine-grained token needs that repository granted)."
        )
    }
}
