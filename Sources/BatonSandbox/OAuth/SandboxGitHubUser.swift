/// A GitHub user who can sign in through the sandbox's GitHub App; the consent page offers one button per user.
///
/// A user access token acts on the intersection of the user's and the App installation's access (providers.md
/// §6.2): it creates repositories only in the user's own account and in organizations the user belongs to, and
/// only where the App `baton-sandbox` is installed.
struct SandboxGitHubUser: Sendable, Equatable {
    /// The login, as the consent page's `data-sandbox-user` carries it.
    let login: String
    /// The numeric account id.
    let id: Int
    /// The profile name.
    let name: String
    /// The App installation on the user's own account, nil when the App is not installed there.
    let installationID: Int?
    /// The organizations the user belongs to.
    let organizations: [SandboxGitHubOrganization]

    /// `octo-alice`: organizations `alice-labs` (App installed) and `alice-archive` (App not installed).
    static let alice = SandboxGitHubUser(
        login: "octo-alice", id: 1001, name: "Alice Octo", installationID: 60_001,
        organizations: [
            SandboxGitHubOrganization(login: "alice-labs", id: 1101, installationID: 60_002),
            SandboxGitHubOrganization(login: "alice-archive", id: 1102, installationID: nil),
        ])
    /// `octo-bob`: organization `bob-works`; the App is installed on both.
    static let bob = SandboxGitHubUser(
        login: "octo-bob", id: 1002, name: "Bob Octo", installationID: 60_003,
        organizations: [SandboxGitHubOrganization(login: "bob-works", id: 1103, installationID: 60_004)])

    /// Every sandbox GitHub user, in the consent page's order.
    static let all = [alice, bob]

    /// The user `login` (compared without case, as GitHub logins are).
    static func named(_ login: String) -> SandboxGitHubUser? {
        all.first { $0.login.lowercased() == login.lowercased() }
    }

    /// Whether `owner` is the user's own account or one of the user's organizations.
    func belongs(to owner: String) -> Bool {
        owner.lowercased() == login.lowercased() || organization(owner) != nil
    }

    /// Whether the user's token may create repositories in `owner`: the user's account or one of its
    /// organizations, with the App installed there.
    func mayCreateRepositories(in owner: String) -> Bool {
        if owner.lowercased() == login.lowercased() { return installationID != nil }
        return organization(owner)?.installationID != nil
    }

    /// The user's organization `login`, if the user belongs to it.
    func organization(_ login: String) -> SandboxGitHubOrganization? {
        organizations.first { $0.login.lowercased() == login.lowercased() }
    }
}

/// A GitHub organization a sandbox user belongs to.
struct SandboxGitHubOrganization: Sendable, Equatable {
    /// The organization's login.
    let login: String
    /// The numeric account id.
    let id: Int
    /// The App installation on the organization, nil when the App is not installed there.
    let installationID: Int?
}
