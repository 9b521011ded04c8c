// The outputs of the built-in deployment workflow's actions (``WorkflowDefinition/deployment``). Their coding keys are
// the JSON keys `status` returns, which the web page and the CLI read: never change them.

/// What `fork-repository` made: the app's GitHub repository, with content on its default branch.
public struct ForkRepositoryOutput: ActionOutput {
    public static let actionID = WorkflowDefinition.ActionID.forkRepository

    /// `owner/name`, such as `acme/app-a`.
    public var fullName: String
    /// The account or organization that owns it.
    public var owner: String
    /// The repository's name (the app's id).
    public var name: String
    /// Its page on GitHub.
    public var url: String
    /// GitHub's numeric id of the repository, which Vercel deploys from.
    public var repositoryID: Int
    /// The branch deployed to production, such as `main`.
    public var defaultBranch: String

    public init(fullName: String, owner: String, name: String, url: String, repositoryID: Int, defaultBranch: String) {
        self.fullName = fullName
        self.owner = owner
        self.name = name
        self.url = url
        self.repositoryID = repositoryID
        self.defaultBranch = defaultBranch
    }

    enum CodingKeys: String, CodingKey {
        case fullName, owner, name, url, defaultBranch
        case repositoryID = "repositoryId"
    }
}

/// What `create-project` made or adopted: the app's Vercel project, linked to its repository.
public struct CreateProjectOutput: ActionOutput {
    public static let actionID = WorkflowDefinition.ActionID.createProject

    /// Vercel's id of the project, such as `prj_…`.
    public var projectID: String
    /// The project's name, `<owner>-<app id>` in lower case.
    public var name: String
    /// The project's page on vercel.com.
    public var dashboardURL: String

    public init(projectID: String, name: String, dashboardURL: String) {
        self.projectID = projectID
        self.name = name
        self.dashboardURL = dashboardURL
    }

    enum CodingKeys: String, CodingKey {
        case name
        case projectID = "projectId"
        case dashboardURL = "dashboardUrl"
    }
}

/// What `configure-env` set on the project: the env vars' names (never their values).
public struct ConfigureEnvOutput: ActionOutput {
    public static let actionID = WorkflowDefinition.ActionID.configureEnv

    /// The names of the env vars set, sorted.
    public var keys: [String]

    public init(keys: [String]) {
        self.keys = keys
    }
}

/// What `deploy` left live: the production deployment, with its alias assigned.
public struct DeployOutput: ActionOutput {
    public static let actionID = WorkflowDefinition.ActionID.deploy

    /// Vercel's id of the deployment, such as `dpl_…`.
    public var deploymentID: String
    /// The production URL, `https://…`.
    public var url: String
    /// The deployment's page on vercel.com (its build log), when Vercel named one; written as `null` otherwise.
    public var inspectorURL: String?

    public init(deploymentID: String, url: String, inspectorURL: String?) {
        self.deploymentID = deploymentID
        self.url = url
        self.inspectorURL = inspectorURL
    }

    enum CodingKeys: String, CodingKey {
        case url
        case deploymentID = "deploymentId"
        case inspectorURL = "inspectorUrl"
    }

    /// Writes `inspectorUrl` even when `nil` (as `null`), as the wire always has.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(deploymentID, forKey: .deploymentID)
        try container.encode(url, forKey: .url)
        try container.encode(inspectorURL, forKey: .inspectorURL)
    }
}

/// What `assign-domain` put on the project: the app's custom domain.
public struct AssignDomainOutput: ActionOutput {
    public static let actionID = WorkflowDefinition.ActionID.assignDomain

    /// The domain, `<subdomain>.<workflow domain>`, such as `app-a.example.com`.
    public var domain: String
    /// The apex domain it belongs to, such as `example.com`.
    public var apexName: String
    /// Whether Vercel has verified the project's claim on it.
    public var verified: Bool

    public init(domain: String, apexName: String, verified: Bool) {
        self.domain = domain
        self.apexName = apexName
        self.verified = verified
    }
}

/// What `present-dns` found: the DNS records the user must create for the app's domain.
public struct PresentDNSOutput: ActionOutput {
    public static let actionID = WorkflowDefinition.ActionID.presentDNS

    /// The domain the records serve, such as `app-a.example.com`.
    public var domain: String
    /// The records to create: an A record for an apex or a CNAME for a subdomain, then any TXT verification records.
    public var records: [DNSRecord]
    /// Whether the domain's DNS is correct already (nothing left to create).
    public var verified: Bool

    public init(domain: String, records: [DNSRecord], verified: Bool) {
        self.domain = domain
        self.records = records
        self.verified = verified
    }
}
