import Foundation

/// A Vercel project.
struct VercelProject: Sendable, Equatable {
    /// The `prj_…` id.
    let id: String
    /// The name, unique within its scope.
    let name: String
    /// The account or team owning it.
    let scope: VercelScope
    /// The framework preset, nil for "Other".
    let framework: String?
    /// The connected GitHub repository, if any.
    let link: VercelGitLink?
    /// Build settings given at creation (`buildCommand`, `outputDirectory`, …), echoed back.
    let settings: [String: JSONValue]
    /// The production alias, `<name>.vercel.app` (or `<name>-<team>.vercel.app` when that is taken).
    let productionAlias: String
    /// When it was created.
    let createdAt: Date
    /// Who created it.
    var creator = VercelCreator.sharedAccount

    /// Whether `idOrName` names this project.
    func isNamed(_ idOrName: String) -> Bool {
        id == idOrName || name == idOrName.lowercased()
    }
}

/// A project's link to a GitHub repository.
struct VercelGitLink: Sendable, Equatable {
    /// The repository owner's login.
    let org: String
    /// The bare repository name.
    let repo: String
    /// The GitHub repository id.
    let repoID: Int
    /// The GitHub owner account id.
    let repoOwnerID: Int
    /// The branch production deployments come from.
    let productionBranch: String
    /// The `cred_…` id of the GitHub credential Vercel uses.
    let gitCredentialID: String
}
