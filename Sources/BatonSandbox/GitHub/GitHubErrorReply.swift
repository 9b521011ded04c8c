/// GitHub's error bodies: `{message, documentation_url, status}` with `status` as a string, plus `errors` for 422s.
enum GitHubErrorReply {
    /// Documentation pages GitHub links from errors, per operation.
    enum Documentation {
        static let general = "https://docs.github.com/rest"
        static let authenticatedUser = "https://docs.github.com/rest/users/users#get-the-authenticated-user"
        static let getRepository = "https://docs.github.com/rest/repos/repos#get-a-repository"
        static let createFork = "https://docs.github.com/rest/repos/forks#create-a-fork"
        static let generate = "https://docs.github.com/rest/repos/repos#create-a-repository-using-a-template"
        static let getBranch = "https://docs.github.com/rest/branches/branches#get-a-branch"
        static let listCommits = "https://docs.github.com/rest/commits/commits#list-commits"
        static let apiVersions = "https://docs.github.com/rest/about-the-rest-api/api-versions"
        static let rateLimits = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api"
        static let secondaryRateLimits =
            "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"
    }

    /// An error reply with GitHub's body shape.
    static func make(_ status: Int, _ message: String, documentation: String, errors: JSONValue? = nil) -> ProviderReply
    {
        var body: [String: JSONValue] = [
            "message": .string(message), "documentation_url": .string(documentation), "status": .string(String(status)),
        ]
        body["errors"] = errors
        return ProviderReply(status: status, body: .object(body))
    }

    /// 404 `Not Found`: missing, or invisible to the caller.
    static func notFound(_ documentation: String) -> ProviderReply {
        make(404, "Not Found", documentation: documentation)
    }

    /// 401 for a token GitHub does not accept.
    static let badCredentials = make(401, "Bad credentials", documentation: Documentation.general)

    /// 401 for an operation that needs a token when none was sent.
    static let requiresAuthentication = make(401, "Requires authentication", documentation: Documentation.general)

    /// 400 for a body that is not JSON.
    static func problemsParsingJSON(_ documentation: String) -> ProviderReply {
        make(400, "Problems parsing JSON", documentation: documentation)
    }

    /// 400 for a JSON body that is not an object.
    static func bodyShouldBeObject(_ documentation: String) -> ProviderReply {
        make(400, "Body should be a JSON object", documentation: documentation)
    }

    /// 422 `Invalid request` for a parameter of the wrong type or a missing one.
    static func invalidRequest(_ detail: String, documentation: String) -> ProviderReply {
        make(422, "Invalid request.\n\n\(detail)", documentation: documentation)
    }

    /// 400 for an `X-GitHub-Api-Version` GitHub does not have.
    static func unsupportedVersion(_ version: String) -> ProviderReply {
        let supported = GitHubAPIVersion.supported.joined(separator: ", ")
        return make(
            400, "Unsupported 'X-GitHub-Api-Version' header value: '\(version)'. Supported versions are: \(supported).",
            documentation: Documentation.apiVersions
        )
    }
}
