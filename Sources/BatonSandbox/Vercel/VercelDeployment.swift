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
    /// Why its alias is never assigned (the `aliasError` fault named its project); reported once it is `READY`.
    let aliasFailure: VercelAliasFailure?
    /// When `PATCH /v12/deployments/{id}/cancel` canceled it, if it did.
    var canceledAt: Date? = nil
    /// Who created it.
    var creator = VercelCreator.sharedAccount
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

/// Vercel's `aliasError` of a deployment that is `READY` but whose alias could not be assigned.
struct VercelAliasFailure: Sendable, Equatable {
    /// The error code, e.g. `cert_missing`.
    let code: String
    /// A sentence naming the alias.
    let message: String

    /// The failure with `code` for `alias`, with the sentence Vercel would plausibly give.
    init(code: String, alias: String) {
        self.code = code
        message =
            switch code {
            case "cert_missing": "The certificate for \(alias) is not ready yet."
            case "invalid_alias": "The alias \(alias) is not valid."
            case "deployment_not_ready": "The deployment was not ready when \(alias) was to be assigned to it."
            default: "The alias \(alias) could not be assigned to the deployment."
            }
    }

    /// `{"code", "message"}`.
    var json: JSONValue {
        ["code": .string(code), "message": .string(message)]
    }
}
