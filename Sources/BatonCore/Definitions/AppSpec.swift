/// One deployable app of the catalog.
public struct AppSpec: Codable, Sendable, Hashable {
    /// A slug that identifies the app, such as `app-a`.
    public var id: String
    /// The app's name for people.
    public var name: String
    /// The GitHub template repository, as `owner/name`.
    public var template: String
    /// How the app's repository is made from the template.
    public var repository: RepositoryCreation
    /// The Vercel framework slug, or `nil` for "Other".
    public var framework: String?
    /// The env vars the app declares.
    public var env: [EnvVarSpec]
    /// The DNS label the app gets under a workflow's domain.
    public var subdomain: String

    public init(
        id: String, name: String, template: String, repository: RepositoryCreation = .fork,
        framework: String?, env: [EnvVarSpec], subdomain: String
    ) {
        self.id = id
        self.name = name
        self.template = template
        self.repository = repository
        self.framework = framework
        self.env = env
        self.subdomain = subdomain
    }

    /// The fields of an app in a catalog file.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, template, repository, framework, env, subdomain
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        template = try container.decode(String.self, forKey: .template)
        repository = try container.decodeIfPresent(RepositoryCreation.self, forKey: .repository) ?? .fork
        framework = try container.decodeIfPresent(String.self, forKey: .framework)
        env = try container.decodeIfPresent([EnvVarSpec].self, forKey: .env) ?? []
        subdomain = try container.decode(String.self, forKey: .subdomain)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(template, forKey: .template)
        try container.encode(repository, forKey: .repository)
        try container.encode(framework, forKey: .framework)
        try container.encode(env, forKey: .env)
        try container.encode(subdomain, forKey: .subdomain)
    }

    /// The declared env var with this key, if any.
    public func envVar(_ key: String) -> EnvVarSpec? {
        env.first { $0.key == key }
    }
}

/// How an app's repository is made from its template.
public enum RepositoryCreation: String, Codable, Sendable, Hashable {
    /// Fork the template repository.
    case fork
    /// Generate a new repository from a GitHub template repository.
    case generate
}

/// An env var an app declares.
public struct EnvVarSpec: Codable, Sendable, Hashable {
    /// The variable's name, such as `DATABASE_URL`.
    public var key: String
    /// Whether a workflow must give a value.
    public var required: Bool
    /// What the value is, for the person filling in the form.
    public var description: String

    public init(key: String, required: Bool, description: String) {
        self.key = key
        self.required = required
        self.description = description
    }
}
