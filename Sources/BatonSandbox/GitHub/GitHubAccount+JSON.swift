import Foundation

extension GitHubAccount {
    /// The `simple-user` JSON GitHub embeds as `owner`, `organization`, commit authors…
    var simpleUserJSON: JSONValue {
        let api = "https://api.github.com/users/\(login)"
        return [
            "login": .string(login), "id": .int(id), "node_id": .string(nodeID),
            "avatar_url": .string("https://avatars.githubusercontent.com/u/\(id)?v=4"), "gravatar_id": "",
            "url": .string(api), "html_url": .string("https://github.com/\(login)"),
            "followers_url": .string("\(api)/followers"), "following_url": .string("\(api)/following{/other_user}"),
            "gists_url": .string("\(api)/gists{/gist_id}"), "starred_url": .string("\(api)/starred{/owner}{/repo}"),
            "subscriptions_url": .string("\(api)/subscriptions"), "organizations_url": .string("\(api)/orgs"),
            "repos_url": .string("\(api)/repos"), "events_url": .string("\(api)/events{/privacy}"),
            "received_events_url": .string("\(api)/received_events"), "type": .string(kind.rawValue),
            "user_view_type": "public", "site_admin": false,
        ]
    }

    /// The `private-user` JSON of `GET /user`: the simple user plus profile (named `name`) and plan fields.
    func privateUserJSON(name: String, createdAt: Date) -> JSONValue {
        guard case .object(var members) = simpleUserJSON else { return simpleUserJSON }
        let created = JSONValue.string(GitHubTimestamp.format(createdAt))
        let extra: [String: JSONValue] = [
            "user_view_type": "private", "name": .string(name), "company": nil, "blog": "", "location": nil,
            "email": nil, "notification_email": nil, "hireable": nil, "bio": nil, "twitter_username": nil,
            "public_repos": 0, "public_gists": 0, "followers": 0, "following": 0,
            "created_at": created, "updated_at": created, "private_gists": 0, "total_private_repos": 0,
            "owned_private_repos": 0, "disk_usage": 0, "collaborators": 0, "two_factor_authentication": true,
            "plan": ["name": "free", "space": 976_562_499, "collaborators": 0, "private_repos": 10000],
        ]
        members.merge(extra) { _, new in new }
        return .object(members)
    }

    /// The `organization-simple` JSON of `GET /user/orgs`.
    var organizationJSON: JSONValue {
        let api = "https://api.github.com/orgs/\(login)"
        return [
            "login": .string(login), "id": .int(id), "node_id": .string(nodeID), "url": .string(api),
            "repos_url": .string("\(api)/repos"), "events_url": .string("\(api)/events"),
            "hooks_url": .string("\(api)/hooks"), "issues_url": .string("\(api)/issues"),
            "members_url": .string("\(api)/members{/member}"),
            "public_members_url": .string("\(api)/public_members{/member}"),
            "avatar_url": .string("https://avatars.githubusercontent.com/u/\(id)?v=4"), "description": nil,
        ]
    }
}

/// GitHub's timestamp format: ISO 8601 in UTC without fractional seconds.
enum GitHubTimestamp {
    /// `date` as `2026-01-01T00:00:00Z`.
    static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
