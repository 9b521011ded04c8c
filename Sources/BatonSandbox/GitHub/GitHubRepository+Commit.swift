extension GitHubRepository {
    /// The `commit` JSON of the repository's only commit.
    func commitJSON(in world: GitHubWorld) -> JSONValue {
        let api = "https://api.github.com/repos/\(fullName)"
        let root = world.networkRoot(of: self)
        let authorAccount = world.existingAccount(root.ownerLogin) ?? world.authenticatedUser
        let date = JSONValue.string(GitHubTimestamp.format(templateID == nil ? root.createdAt : createdAt))
        let gitUser: JSONValue = ["name": .string(authorAccount.login), "email": "noreply@github.com", "date": date]
        let message = templateID == nil ? "Initial commit" : "Initial commit from template"
        return [
            "sha": .string(headSHA), "node_id": .string("C_kwDO\(id)"), "url": .string("\(api)/commits/\(headSHA)"),
            "html_url": .string("https://github.com/\(fullName)/commit/\(headSHA)"),
            "comments_url": .string("\(api)/commits/\(headSHA)/comments"),
            "commit": [
                "url": .string("\(api)/git/commits/\(headSHA)"), "author": gitUser, "committer": gitUser,
                "message": .string(message), "comment_count": 0,
                "tree": ["sha": .string(String(headSHA.reversed())), "url": .string("\(api)/git/trees/\(headSHA)")],
                "verification": [
                    "verified": false, "reason": "unsigned", "payload": nil, "signature": nil, "verified_at": nil,
                ],
            ],
            "author": authorAccount.simpleUserJSON, "committer": authorAccount.simpleUserJSON, "parents": [],
        ]
    }

    /// The `branch-with-protection` JSON of the default branch.
    func branchJSON(in world: GitHubWorld) -> JSONValue {
        let api = "https://api.github.com/repos/\(fullName)"
        return [
            "name": .string(defaultBranch), "commit": commitJSON(in: world),
            "_links": [
                "self": .string("\(api)/branches/\(defaultBranch)"),
                "html": .string("https://github.com/\(fullName)/tree/\(defaultBranch)"),
            ],
            "protected": false,
            "protection": [
                "enabled": false, "required_status_checks": ["enforcement_level": "off", "contexts": [], "checks": []],
            ],
            "protection_url": .string("\(api)/branches/\(defaultBranch)/protection"),
        ]
    }
}
