import Foundation

/// Resolves a deployment's `gitSource` against the sandbox GitHub, as Vercel's GitHub App would fetch it.
enum VercelGitSourceResolver {
    private static let properties: Set<String> = ["type", "ref", "repoId", "sha", "org", "repo"]

    /// The commit to build; 400 `incorrect_git_source_info` when the repository is missing, hidden from the
    /// GitHub App, still empty, or lacks the reference.
    static func resolve(_ value: JSONValue, state: SandboxState, now: Date) throws(ProviderReply) -> VercelGitSource {
        let members = try VercelRequestBody.object(
            value, allowed: properties, required: ["type", "ref"], path: "gitSource")
        guard members["type"]?.stringValue?.hasPrefix("github") == true else {
            throw VercelErrorReply.badRequest("The sandbox imitates GitHub only: `gitSource.type` must be `github`.")
        }
        let ref = try VercelRequestBody.string(members, "ref") ?? ""
        let sha = try VercelRequestBody.string(members, "sha")
        let repository: GitHubRepository?
        if let repoID = members["repoId"] {
            guard let number = repoID.intValue ?? repoID.stringValue.flatMap(Int.init) else {
                throw VercelErrorReply.badRequest("Invalid request: `gitSource.repoId` should be number.")
            }
            repository = state.github.repository(id: number)
        } else if let org = try VercelRequestBody.string(members, "org"),
            let repo = try VercelRequestBody.string(members, "repo")
        {
            repository = state.github.repository(owner: org, name: repo)
        } else {
            throw VercelErrorReply.badRequest("Invalid request: `gitSource` should have `repoId`, or `org` and `repo`.")
        }
        guard let repository, !state.faults.lacksGitHubApp(owner: repository.ownerLogin) else {
            throw incorrectSource("The provided GitHub repository can't be found.")
        }
        let knownReferences = [repository.defaultBranch, repository.headSHA]
        guard repository.isReady(at: now), knownReferences.contains(ref), sha.map(knownReferences.contains) ?? true
        else {
            throw incorrectSource(
                "The provided GitHub repository does not contain the requested branch or commit reference. "
                    + "Please ensure the repository is not empty.")
        }
        return VercelGitSource(
            repoID: repository.id, org: repository.ownerLogin, repo: repository.name, ref: ref, sha: repository.headSHA)
    }

    private static func incorrectSource(_ message: String) -> ProviderReply {
        VercelErrorReply.make(400, code: "incorrect_git_source_info", message: message)
    }
}

extension VercelGitSource {
    /// The Git metadata Vercel attaches to deployments from GitHub.
    var metadata: [String: String] {
        [
            "githubDeployment": "1", "githubOrg": org, "githubRepo": repo, "githubRepoId": String(repoID),
            "githubCommitOrg": org, "githubCommitRepo": repo, "githubCommitRepoId": String(repoID),
            "githubCommitRef": ref, "githubCommitSha": sha,
        ]
    }
}
