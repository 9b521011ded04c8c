import BatonCore

/// The fields of a Vercel project Baton reads.
public struct VercelProject: Decodable, Sendable, Hashable {
    /// The id, `prj_…`.
    public var id: String
    /// The name.
    public var name: String
    /// The linked repository, if any.
    public var link: Link?

    /// A project's link to a Git repository.
    public struct Link: Decodable, Sendable, Hashable {
        /// `github` for GitHub.
        public var type: String?
        /// The repository's owner.
        public var org: String?
        /// The repository's bare name.
        public var repo: String?
        /// The repository's numeric id.
        public var repoID: Int?

        enum CodingKeys: String, CodingKey { case type, org, repo, repoID = "repoId" }
    }

    /// Whether the project is linked to the GitHub repository `fullName` (`owner/name`).
    public func isLinked(to fullName: String) -> Bool {
        guard let link, let org = link.org, let repo = link.repo else { return false }
        return "\(org)/\(repo)".lowercased() == fullName.lowercased()
    }
}

/// The fields of a Vercel deployment Baton reads.
public struct VercelDeployment: Decodable, Sendable, Hashable {
    /// The id, `dpl_…`.
    public var id: String
    /// The deployment's host name, without scheme.
    public var url: String
    /// `QUEUED`, `INITIALIZING`, `BUILDING`, `READY`, `ERROR` or `CANCELED`.
    public var readyState: String?
    /// Whether the production aliases point at it yet.
    public var aliasAssigned: Bool?
    /// The aliases, once assigned.
    public var alias: [String]?
    /// The build's page on vercel.com.
    public var inspectorURL: String?
    /// Vercel's error code, once failed.
    public var errorCode: String?
    /// Vercel's error message, once failed.
    public var errorMessage: String?
    /// The metadata the deployment was created with.
    public var meta: [String: String]?
    /// `production`, `staging`, or `nil` for preview.
    public var target: String?
    /// Why the aliases could not be assigned (the build succeeded, the release did not), such as `cert_missing`;
    /// `nil` unless aliasing failed (Vercel's description of `GET /v13/deployments/{idOrUrl}`).
    public var aliasError: AliasError?

    /// Vercel's `aliasError`: a code and a message.
    public struct AliasError: Decodable, Sendable, Hashable {
        public var code: String
        public var message: String
    }

    /// Whether the build ended without producing the deployment.
    public var hasFailed: Bool { readyState == "ERROR" || readyState == "CANCELED" }

    /// Whether it is in a final state (`READY`, `ERROR` or `CANCELED`): nothing is left to cancel.
    public var isFinished: Bool { hasFailed || readyState == "READY" }

    enum CodingKeys: String, CodingKey {
        case id, uid, url, readyState, state, aliasAssigned, alias, inspectorURL = "inspectorUrl", errorCode, errorMessage, meta, target, aliasError
    }

    /// Reads both shapes: `GET /v13/deployments/{id}` (`id`, `readyState`) and the `GET /v6/deployments` list (`uid`, `state`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let id = try container.decodeIfPresent(String.self, forKey: .id) {
            self.id = id
        } else {
            self.id = try container.decode(String.self, forKey: .uid)
        }
        url = try container.decode(String.self, forKey: .url)
        readyState = try container.decodeIfPresent(String.self, forKey: .readyState) ?? container.decodeIfPresent(String.self, forKey: .state)
        aliasAssigned = try? container.decodeIfPresent(Bool.self, forKey: .aliasAssigned)
        alias = try container.decodeIfPresent([String].self, forKey: .alias)
        inspectorURL = try container.decodeIfPresent(String.self, forKey: .inspectorURL)
        errorCode = try container.decodeIfPresent(String.self, forKey: .errorCode)
        errorMessage = try container.decodeIfPresent(String.self, forKey: .errorMessage)
        meta = try container.decodeIfPresent([String: String].self, forKey: .meta)
        target = try container.decodeIfPresent(String.self, forKey: .target)
        aliasError = try? container.decodeIfPresent(AliasError.self, forKey: .aliasError)
    }

    /// Whether it is no good to follow: its build failed, or it is ready but its release (aliasing) failed.
    public var isUnusable: Bool { hasFailed || aliasError != nil }
}

/// A domain on a project.
public struct VercelProjectDomain: Codable, Sendable, Hashable {
    /// The full domain, such as `a.example.com`.
    public var name: String
    /// The registrable domain, such as `example.com`.
    public var apexName: String
    /// The project it belongs to.
    public var projectID: String
    /// Whether Vercel considers the project's claim verified.
    public var verified: Bool
    /// The TXT challenges to satisfy while not verified.
    public var verification: [Challenge]?

    enum CodingKeys: String, CodingKey {
        case name, apexName, projectID = "projectId", verified, verification
    }

    /// A verification challenge.
    public struct Challenge: Codable, Sendable, Hashable {
        public var type: String
        public var domain: String
        public var value: String
    }
}

/// How a domain's DNS should look, from `GET /v6/domains/{domain}/config`.
public struct VercelDomainConfig: Decodable, Sendable, Hashable {
    /// A recommended value with its rank (1 is best).
    public struct Ranked<Value: Decodable & Sendable & Hashable>: Decodable, Sendable, Hashable {
        public var rank: Int
        public var value: Value
    }

    /// Recommended A record addresses.
    public var recommendedIPv4: [Ranked<[String]>]
    /// Recommended CNAME targets.
    public var recommendedCNAME: [Ranked<String>]
    /// Whether the DNS does not point at Vercel yet.
    public var misconfigured: Bool
}

/// A Vercel team the user belongs to (`GET /v2/teams`).
public struct VercelTeam: Decodable, Sendable, Hashable {
    /// The id, `team_…`.
    public var id: String
    /// The slug.
    public var slug: String
    /// The name.
    public var name: String?
}
