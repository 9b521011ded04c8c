import Foundation

/// A repository in the imitated GitHub.
struct GitHubRepository: Sendable, Equatable {
    /// The numeric id (Vercel's `repoId`).
    let id: Int
    /// The repository name, without owner.
    let name: String
    /// The owner's login.
    let ownerLogin: String
    /// The description, if any.
    let description: String?
    /// Whether only members can see it.
    let isPrivate: Bool
    /// Whether it can be used with the generate endpoint.
    let isTemplate: Bool
    /// The only branch: the default branch.
    let defaultBranch: String
    /// When it was created.
    let createdAt: Date
    /// When its git content appears (forks and generated repositories stay empty until then).
    let readyAt: Date
    /// The repository it was forked from, for forks.
    let parentID: Int?
    /// The template it was generated from, for generated repositories.
    let templateID: Int?
    /// The SHA of the only commit on the default branch.
    let headSHA: String

    /// `owner/name`.
    var fullName: String { "\(ownerLogin)/\(name)" }

    /// Whether it is a fork.
    var isFork: Bool { parentID != nil }

    /// Whether its content has been copied at `now` (before that it is an empty repository).
    func isReady(at now: Date) -> Bool {
        now >= readyAt
    }

    /// Whether it is `owner/name`, compared without case as GitHub does.
    func isNamed(owner: String, name: String) -> Bool {
        ownerLogin.lowercased() == owner.lowercased() && self.name.lowercased() == name.lowercased()
    }
}
