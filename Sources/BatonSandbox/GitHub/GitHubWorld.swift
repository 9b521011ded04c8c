import Foundation

/// The accounts and repositories of the imitated GitHub.
struct GitHubWorld: Sendable {
    /// The login every accepted token authenticates as.
    static let authenticatedLogin = "baton-sandbox-user"
    /// The organization owning the seeded templates.
    static let templateOwner = "baton-templates"
    /// The seeded template repositories.
    static let templateNames = ["app-a", "app-b", "app-c"]

    private(set) var accounts: [String: GitHubAccount] = [:]
    /// Repositories in creation order.
    private(set) var repositories: [GitHubRepository] = []
    private var nextAccountID = 2000
    private var nextRepositoryID = 700_000_001

    /// Creates the world with the authenticated user, the users who can sign in through OAuth and their
    /// organizations, and the seeded, populated templates.
    init(now: Date, identifiers: inout IdentifierFactory) {
        accounts[Self.authenticatedLogin] = GitHubAccount(login: Self.authenticatedLogin, id: 1000, kind: .user)
        for user in SandboxGitHubUser.all {
            accounts[user.login.lowercased()] = GitHubAccount(login: user.login, id: user.id, kind: .user)
            for organization in user.organizations {
                accounts[organization.login.lowercased()] = GitHubAccount(
                    login: organization.login, id: organization.id, kind: .organization)
            }
        }
        let seededAt = now.addingTimeInterval(-30 * 86_400)
        for name in Self.templateNames {
            add(
                name: name, owner: Self.templateOwner, description: "Baton template \(name)", isPrivate: false,
                isTemplate: true, defaultBranch: "main", createdAt: seededAt, readyAt: seededAt,
                parentID: nil, templateID: nil, headSHA: identifiers.hex(length: 40)
            )
        }
    }

    /// The operator's account, `baton-sandbox-user`.
    var authenticatedUser: GitHubAccount {
        accounts[Self.authenticatedLogin]!  // Created in init and never removed.
    }

    /// The account `login`, created as an organization the operator can write to on first use (callers check that a
    /// user token may write there first, so user tokens never create accounts).
    mutating func account(_ login: String) -> GitHubAccount {
        if let existing = accounts[login.lowercased()] { return existing }
        let created = GitHubAccount(login: login, id: nextAccountID, kind: .organization)
        nextAccountID += 1
        accounts[login.lowercased()] = created
        return created
    }

    /// The account `login` if it exists.
    func existingAccount(_ login: String) -> GitHubAccount? {
        accounts[login.lowercased()]
    }

    /// The repository `owner/name`, matched without case.
    func repository(owner: String, name: String) -> GitHubRepository? {
        repositories.first { $0.isNamed(owner: owner, name: name) }
    }

    /// The repository with numeric id `id`.
    func repository(id: Int) -> GitHubRepository? {
        repositories.first { $0.id == id }
    }

    /// The root of `repository`'s fork network (itself when it is not a fork).
    func networkRoot(of repository: GitHubRepository) -> GitHubRepository {
        var current = repository
        while let parentID = current.parentID, let parent = self.repository(id: parentID) {
            current = parent
        }
        return current
    }

    /// Adds a repository and its owner account; returns it.
    @discardableResult
    mutating func add(
        name: String, owner: String, description: String?, isPrivate: Bool, isTemplate: Bool, defaultBranch: String,
        createdAt: Date, readyAt: Date, parentID: Int?, templateID: Int?, headSHA: String
    ) -> GitHubRepository {
        let ownerAccount = account(owner)
        let repository = GitHubRepository(
            id: nextRepositoryID, name: name, ownerLogin: ownerAccount.login, description: description,
            isPrivate: isPrivate, isTemplate: isTemplate, defaultBranch: defaultBranch, createdAt: createdAt,
            readyAt: readyAt, parentID: parentID, templateID: templateID, headSHA: headSHA
        )
        nextRepositoryID += 1
        repositories.append(repository)
        return repository
    }

    /// `name`, or `name-1`, `name-2`… — the first that is free under `owner`.
    func freeName(_ name: String, owner: String) -> String {
        guard repository(owner: owner, name: name) != nil else { return name }
        var suffix = 1
        while repository(owner: owner, name: "\(name)-\(suffix)") != nil { suffix += 1 }
        return "\(name)-\(suffix)"
    }
}
