import Foundation

/// A project environment variable.
struct VercelEnvironmentVariable: Sendable, Equatable {
    /// The variable id.
    let id: String
    /// The owning project's id.
    let projectID: String
    /// The name.
    let key: String
    /// The value; never shown in `/sandbox/state`, and only for `plain` variables in provider responses.
    var value: String
    /// `plain`, `encrypted`, `sensitive`, `secret` or `system`.
    var type: String
    /// `production`, `preview` and/or `development`; an upsert never changes them (a different set is `ENV_CONFLICT`).
    let targets: [String]
    /// The preview branch it is limited to, if any.
    var gitBranch: String?
    /// The optional comment.
    var comment: String?
    /// When it was created.
    let createdAt: Date
    /// When it was last changed.
    var updatedAt: Date
    /// Who created it.
    var creator = VercelCreator.sharedAccount

    /// Whether it clashes with a new variable `key` for `targets` and `gitBranch` (same key, a shared target).
    func conflicts(key: String, targets: [String], gitBranch: String?) -> Bool {
        self.key == key && self.gitBranch == gitBranch && !Set(self.targets).isDisjoint(with: targets)
    }
}
