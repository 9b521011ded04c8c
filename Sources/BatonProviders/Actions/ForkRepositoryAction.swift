import BatonCore
import Foundation

/// `fork-repository`: makes the app's repository in the workflow's GitHub owner, by forking the template
/// (or generating from it, when the catalog says so), and waits until its default branch has a commit.
///
/// The repository is named after the app (`<owner>/<app id>`), so two apps never share one. It converges: a repository
/// of that name made from the app's template (an earlier run's) is adopted; GitHub answers a second fork request with
/// the existing fork, which is adopted only when it is this app's (its name, its parent the template); anything else
/// fails with the ways out. Once GitHub has answered the fork or
/// generate request, the repository is recorded, so a request cut off while waiting for its content never asks again.
/// GitHub copies a large template for minutes; the attempt is bounded by ``timeouts`` (10 minutes by default).
///
/// The fork or generate call waits for a slot under ``ProviderSettings/githubContentPace`` (per token, shared by every
/// instance through the store) so hundreds of apps never meet GitHub's secondary rate limit; that wait is the `queue`
/// phase, bounded on its own (60 minutes by default) and not counted against the attempt.
struct ForkRepositoryAction: ProviderStepAction {
    let clients: ProviderClients

    enum State: Codable, Sendable {
        case begin
        /// No repository of the app's name exists, and the app forks: is the owner the token's user or an organization?
        case resolvingOwner
        /// Create the repository (in `organization`, or the token's user when `nil`).
        case creating(organization: String?)
        /// Waiting for a slot under GitHub's content-creation pace before creating it.
        case queued(organization: String?)
        case waitingForContent(NewRepository)
    }

    /// The phase names, as `--action-timeout fork-repository.PHASE=…` takes them.
    enum Phase {
        static let queue = "queue"
    }

    var timeouts: ActionTimeouts {
        ActionTimeouts(attempt: .seconds(600), phases: [Phase.queue: .seconds(3600)], capacityPhases: [Phase.queue])
    }

    func phase(of state: State) -> String? {
        if case .queued = state { return Phase.queue }
        return nil
    }

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

        /// The action's outputs, once the repository has content.
        var output: ForkRepositoryOutput {
            ForkRepositoryOutput(fullName: fullName, owner: owner, name: name, url: url, repositoryID: id, defaultBranch: defaultBranch)
        }
    }

    var initialState: State { .begin }

    func advance(_ state: State, context: ActionContext) async throws -> ProviderStep<State> {
        switch state {
        case .begin, .resolvingOwner, .creating, .queued:
            switch state {
            case .creating(let organization), .queued(let organization):
                if let wait = try await waitForSlot(context, organization: organization) { return wait }
            default:
                break
            }
            switch try await permissionChecked(context, { try await makeRepository(state, context) }) {
            case .success(.resolveOwner):
                return .next(.resolvingOwner, message: "Creating \(context.config.github.owner)/\(context.app.id)")
            case .success(.create(let organization)):
                return .next(.creating(organization: organization), message: "Creating \(context.config.github.owner)/\(context.app.id)")
            case .success(.made(let repository)):
                return .next(.waitingForContent(repository), message: "Waiting for GitHub to copy the template into \(repository.fullName)")
            case .failure(let failure):
                return .failed(failure)
            }
        case .waitingForContent(let repository):
            return try await checkContent(repository, github: clients.github(for: context))
        }
    }

    /// What a step of making the repository found.
    enum Made {
        /// Find out whether the owner is the token's user.
        case resolveOwner
        /// Create it, in this organization (or the token's user when `nil`).
        case create(String?)
        /// The repository.
        case made(NewRepository)
    }

    /// One provider call per state, each recorded before the next, so a slow GitHub delays the action but never keeps
    /// it from progressing: `.begin` looks for the app's repository (adopting it when it is this app's);
    /// `.resolvingOwner` asks whether the owner is the token's user; `.creating` sends the one content-creating call.
    private func makeRepository(_ state: State, _ context: ActionContext) async throws -> Result<Made, ActionFailure> {
        let template = context.app.template
        let owner = context.config.github.owner
        let name = context.app.id
        switch state {
        case .begin:
            if let existing = try await clients.github(for: context).repository(owner: owner, name: name) {
                return adopt(existing, template: template).map(Made.made)
            }
            return .success(context.app.repository == .fork ? .resolveOwner : .create(owner))
        case .resolvingOwner:
            let login = try await clients.github(for: context).authenticatedLogin()
            return .success(.create(login.lowercased() == owner.lowercased() ? nil : owner))
        case .creating(let organization), .queued(let organization):
            return try await create(
                context.app.repository, in: organization, template: template, owner: owner, name: name, github: clients.github(for: context)
            )
        case .waitingForContent(let repository):
            return .success(.made(repository))
        }
    }

    /// Takes a slot for the content-creating call under the token's pace; `nil` when taken (make the call now), else the
    /// wait in `.queued` for the next.
    private func waitForSlot(_ context: ActionContext, organization: String?) async throws -> ProviderStep<State>? {
        let pace = clients.settings.githubContentPace
        let now = context.now()
        let key = "github-content:" + clients.githubAccountKey(context)
        guard let next = try await context.pacer.reserve(key, pace: pace, at: now) else { return nil }
        let seconds = max(0.05, next.timeIntervalSince(now))
        let message = "Waiting for a slot under GitHub's content-creation limit (Baton paces forks at \(pace) per token; next in \(Int(seconds.rounded(.up))) s)"
        return .wait(.queued(organization: organization), after: .milliseconds(Int(seconds * 1000)), message: message)
    }

    /// `.creating`: the one content-creating call, a fork or a generate.
    private func create(
        _ mode: RepositoryCreation, in organization: String?, template: String, owner: String, name: String, github: GitHubClient
    ) async throws -> Result<Made, ActionFailure> {
        let parts = template.split(separator: "/").map(String.init)
        switch mode {
        case .fork:
            guard let fork = try await github.fork(owner: parts[0], name: parts[1], into: organization, newName: name) else {
                return .failure(templateNotFound(template))
            }
            guard fork.name.lowercased() == name.lowercased(), fork.isCopy(of: template) else {
                return .failure(existingFork(fork, wanted: "\(owner)/\(name)", template: template))
            }
            return .success(.made(NewRepository(fork)))
        case .generate:
            switch try await github.generate(templateOwner: parts[0], templateName: parts[1], owner: owner, name: name) {
            case .created(let repository):
                return .success(.made(NewRepository(repository)))
            case .templateNotFound:
                return .failure(templateNotFound(template))
            case .notATemplate(let message):
                return .failure(ActionFailure(
                    code: "not_a_template", message: "GitHub cannot generate from \(template). GitHub said: \(message)",
                    retryable: false,
                    fix: "Mark \(template) as a template repository (its Settings → General → Template repository), or set `repository: fork` for this app in the catalog, then trigger the action again."
                ))
            case .nameTaken:
                guard let existing = try await github.repository(owner: owner, name: name) else {
                    return .failure(ActionFailure(
                        code: "name_taken", message: "GitHub says \(owner)/\(name) exists but cannot show it.", retryable: true,
                        fix: "Trigger the action again in a moment; if it persists, check that GITHUB_TOKEN can read \(owner)/\(name)."
                    ))
                }
                return adopt(existing, template: template).map(Made.made)
            }
        }
    }

    /// Runs `body`, turning GitHub's refusal of the token's permission into a failure naming the owner.
    private func permissionChecked<Value>(
        _ context: ActionContext, _ body: () async throws -> Result<Value, ActionFailure>
    ) async throws -> Result<Value, ActionFailure> {
        do {
            return try await body()
        } catch let error as ProviderError {
            guard case .permissionDenied(_, let refusal, _, _) = error else { throw error }
            let owner = context.config.github.owner
            return .failure(ActionFailure(
                code: "permission_denied",
                message: "GitHub refused to create \(owner)/\(context.app.id) with GITHUB_TOKEN: \(refusal)\(error.neededPermissions.map { " (it needs \($0))" } ?? "")",
                retryable: false,
                fix: "Give GITHUB_TOKEN \(error.neededPermissions ?? "permission to create repositories") on \(owner) (a fine-grained token must have \(owner) as its resource owner; for an organization, its user must be allowed to create repositories there), then trigger the action again."
            ))
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

    /// GitHub keeps one fork of a repository network per account and answers another fork request with it, whatever
    /// name was asked for: an owner who forked the template before gets that fork back.
    private func existingFork(_ fork: GitHubRepository, wanted: String, template: String) -> ActionFailure {
        ActionFailure(
            code: "existing_fork",
            message: "GitHub answered the fork request with \(fork.fullName), not \(wanted): the account already has a fork of \(template), and GitHub keeps one fork of a repository per account.",
            retryable: false,
            fix: "Delete \(fork.fullName) (or rename it to \(wanted.split(separator: "/").last ?? "") if it is this app's), switch the app to `repository: generate` in the catalog, or deploy to another owner; then trigger the action again."
        )
    }

    private func checkContent(_ repository: NewRepository, github: GitHubClient) async throws -> ProviderStep<State> {
        let branch = try await github.branchState(owner: repository.owner, name: repository.name, branch: repository.defaultBranch)
        if case .ready = branch {
            return try .succeeded(repository.output, message: "\(repository.fullName) is ready")
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
