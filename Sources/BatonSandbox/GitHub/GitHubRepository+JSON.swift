import Foundation

extension GitHubRepository {
    /// The `full-repository` JSON of `GET /repos/{owner}/{repo}`, forks and generate.
    /// - Parameter apiVersion: `2026-03-10` drops the fields that version removed from repository payloads.
    func fullJSON(in world: GitHubWorld, now: Date, apiVersion: String?) -> JSONValue {
        guard case .object(var members) = repositoryJSON(in: world, now: now) else { return .null }
        let owner = world.existingAccount(ownerLogin)
        members["organization"] = owner?.kind == .organization ? owner?.simpleUserJSON ?? .null : nil
        members["network_count"] = 0
        members["subscribers_count"] = 0
        if let parentID, let parent = world.repository(id: parentID) {
            members["parent"] = parent.repositoryJSON(in: world, now: now)
            members["source"] = world.networkRoot(of: self).repositoryJSON(in: world, now: now)
        }
        if let templateID, let template = world.repository(id: templateID) {
            members["template_repository"] = template.repositoryJSON(in: world, now: now)
        }
        if apiVersion == GitHubAPIVersion.latest {
            for removed in ["has_downloads", "use_squash_pr_title_as_default", "master_branch"] {
                members[removed] = nil
            }
        }
        return .object(members)
    }

    /// The `repository` JSON GitHub nests as `parent`, `source` and `template_repository`.
    func repositoryJSON(in world: GitHubWorld, now: Date) -> JSONValue {
        let api = "https://api.github.com/repos/\(fullName)"
        let html = "https://github.com/\(fullName)"
        let ready = isReady(at: now)
        let owner = world.existingAccount(ownerLogin) ?? GitHubAccount(login: ownerLogin, id: 0, kind: .organization)
        var members: [String: JSONValue] = [
            "id": .int(id), "node_id": .string("R_kgDO\(id)"), "name": .string(name), "full_name": .string(fullName),
            "owner": owner.simpleUserJSON, "private": .bool(isPrivate), "html_url": .string(html),
            "description": .optional(description), "fork": .bool(isFork), "url": .string(api),
            "clone_url": .string("\(html).git"), "git_url": .string("git://github.com/\(fullName).git"),
            "ssh_url": .string("git@github.com:\(fullName).git"), "svn_url": .string(html),
            "homepage": nil, "language": ready ? "TypeScript" : nil, "mirror_url": nil, "license": nil,
            "forks_count": 0, "forks": 0, "stargazers_count": 0, "watchers_count": 0, "watchers": 0,
            "size": .int(ready ? 128 : 0), "default_branch": .string(defaultBranch),
            "open_issues_count": 0, "open_issues": 0, "is_template": .bool(isTemplate), "topics": [],
            "has_issues": .bool(!isFork), "has_projects": true, "has_wiki": true, "has_pages": false,
            "has_downloads": true, "has_discussions": false, "archived": false, "disabled": false,
            "visibility": isPrivate ? "private" : "public",
            "pushed_at": .string(GitHubTimestamp.format(ready ? readyAt : createdAt)),
            "created_at": .string(GitHubTimestamp.format(createdAt)),
            "updated_at": .string(GitHubTimestamp.format(ready ? readyAt : createdAt)),
            "permissions": ["admin": true, "maintain": true, "push": true, "triage": true, "pull": true],
            "allow_forking": true, "web_commit_signoff_required": false,
        ]
        for (field, suffix) in Self.urlTemplates {
            members[field] = .string(api + suffix)
        }
        return .object(members)
    }

    private static let urlTemplates: [(String, String)] = [
        ("archive_url", "/{archive_format}{/ref}"), ("assignees_url", "/assignees{/user}"),
        ("blobs_url", "/git/blobs{/sha}"), ("branches_url", "/branches{/branch}"),
        ("collaborators_url", "/collaborators{/collaborator}"), ("comments_url", "/comments{/number}"),
        ("commits_url", "/commits{/sha}"), ("compare_url", "/compare/{base}...{head}"),
        ("contents_url", "/contents/{+path}"), ("contributors_url", "/contributors"),
        ("deployments_url", "/deployments"), ("downloads_url", "/downloads"), ("events_url", "/events"),
        ("forks_url", "/forks"), ("git_commits_url", "/git/commits{/sha}"), ("git_refs_url", "/git/refs{/sha}"),
        ("git_tags_url", "/git/tags{/sha}"), ("hooks_url", "/hooks"),
        ("issue_comment_url", "/issues/comments{/number}"),
        ("issue_events_url", "/issues/events{/number}"), ("issues_url", "/issues{/number}"),
        ("keys_url", "/keys{/key_id}"), ("labels_url", "/labels{/name}"), ("languages_url", "/languages"),
        ("merges_url", "/merges"), ("milestones_url", "/milestones{/number}"),
        ("notifications_url", "/notifications{?since,all,participating}"), ("pulls_url", "/pulls{/number}"),
        ("releases_url", "/releases{/id}"), ("stargazers_url", "/stargazers"), ("statuses_url", "/statuses/{sha}"),
        ("subscribers_url", "/subscribers"), ("subscription_url", "/subscription"), ("tags_url", "/tags"),
        ("teams_url", "/teams"), ("trees_url", "/git/trees{/sha}"),
    ]
}
