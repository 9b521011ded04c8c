import Foundation

/// The fields of a GitHub repository Baton reads.
public struct GitHubRepository: Decodable, Sendable, Hashable {
    /// The numeric id (Vercel's `repoId`).
    public var id: Int
    /// The name without owner.
    public var name: String
    /// `owner/name`.
    public var fullName: String
    /// The owner.
    public var owner: GitHubAccount
    /// The page on github.com.
    public var htmlURL: String
    /// The default branch.
    public var defaultBranch: String
    /// Whether it is a fork.
    public var fork: Bool
    /// When it was created.
    public var createdAt: String?
    /// The repository it was forked from, for forks.
    public var parent: Reference?
    /// The root of the fork network, for forks.
    public var source: Reference?
    /// The template it was generated from, for generated repositories.
    public var templateRepository: Reference?

    /// Another repository, by full name.
    public struct Reference: Decodable, Sendable, Hashable {
        public var fullName: String

        enum CodingKeys: String, CodingKey {
            case fullName = "full_name"
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, name, owner, fork, parent, source
        case fullName = "full_name"
        case htmlURL = "html_url"
        case defaultBranch = "default_branch"
        case createdAt = "created_at"
        case templateRepository = "template_repository"
    }

    /// Whether this repository was made from `template` (`owner/name`), by fork or by generation.
    public func isCopy(of template: String) -> Bool {
        let candidates = [parent?.fullName, source?.fullName, templateRepository?.fullName].compactMap { $0?.lowercased() }
        return candidates.contains(template.lowercased())
    }
}

/// A GitHub user or organization.
public struct GitHubAccount: Decodable, Sendable, Hashable {
    /// The login.
    public var login: String
}

/// Whether a new repository has its content yet.
public enum GitHubBranchState: Sendable, Hashable {
    /// The branch has a commit.
    case ready(sha: String)
    /// The repository is still empty (404 or 409 "Git Repository is empty.").
    case empty
}
