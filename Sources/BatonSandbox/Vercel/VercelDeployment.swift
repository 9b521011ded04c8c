import Foundation

/// A deployment; its state is computed from the time elapsed since creation, never stored.
struct VercelDeployment: Sendable, Equatable {
    /// The `dpl_…` id.
    let id: String
    /// The project's id.
    let projectID: String
    /// The project's name when the deployment was created.
    let projectName: String
    /// The account or team owning it.
    let scope: VercelScope
    /// The unique hostname, without scheme.
    let url: String
    /// `production`, `staging` or nil for a preview.
    let target: String?
    /// Metadata given at creation plus the Git metadata Vercel adds.
    let meta: [String: String]
    /// The GitHub source.
    let gitSource: VercelGitSource
    /// Project settings in force for the build.
    let projectSettings: [String: JSONValue]
    /// The alias assigned once ready (`<project>.vercel.app` for production).
    let aliasWhenReady: String
    /// When it was created.
    let createdAt: Date
    /// How long its build takes (the `buildSeconds` knob when it was created).
    let buildSeconds: Double
    /// Whether its build fails (the `failDeployment` fault named its project).
    let failsBuild: Bool
    /// When `PATCH /v12/deployments/{id}/cancel` canceled it, if it did.
    var canceledAt: Date? = nil
}

/// The GitHub commit a deployment builds.
struct VercelGitSource: Sendable, Equatable {
    /// The GitHub repository id.
    let repoID: Int
    /// The owner login.
    let org: String
    /// The bare repository name.
    let repo: String
    /// The branch or SHA requested.
    let ref: String
    /// The resolved commit SHA.
    let sha: String
}
