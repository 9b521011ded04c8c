/// A workflow's action templates: what every app of a workflow runs, in which order, and when.
public struct WorkflowDefinition: Codable, Sendable, Hashable {
    /// The workflow's name, such as `deployment`.
    public var name: String
    /// The actions in plan order; an action may depend only on actions before it.
    public var actions: [ActionDefinition]

    public init(name: String, actions: [ActionDefinition]) {
        self.name = name
        self.actions = actions
    }

    /// This definition with more actions after its own (a host's own steps), under another name.
    /// - Parameter name: the new definition's name; it is part of ``DefinitionVersion``, so workflows started under
    ///   one definition are never continued under another.
    public func appending(_ more: [ActionDefinition], name: String) -> WorkflowDefinition {
        WorkflowDefinition(name: name, actions: actions + more)
    }

    /// What is wrong with the definition, one sentence each; empty when it can be planned: every action id appears
    /// once, and an action depends only on actions before it (which also rules out cycles).
    public var problems: [String] {
        var problems: [String] = []
        var earlier: Set<String> = []
        for action in actions {
            if earlier.contains(action.id) {
                problems.append("'\(action.id)' is defined more than once")
            }
            for dependency in action.dependsOn where !earlier.contains(dependency) {
                problems.append(
                    self.action(dependency) == nil
                        ? "'\(action.id)' depends on '\(dependency)', which the definition does not have"
                        : "'\(action.id)' depends on '\(dependency)', which comes after it (or is itself)"
                )
            }
            earlier.insert(action.id)
        }
        return problems
    }

    /// The definition with this action id, if any.
    public func action(_ id: String) -> ActionDefinition? {
        actions.first { $0.id == id }
    }
}

/// One action template of a workflow definition.
public struct ActionDefinition: Codable, Sendable, Hashable {
    /// The action id, such as `fork-repository`.
    public var id: String
    /// A title for people.
    public var title: String
    /// The ids of the actions that must succeed first (when they are part of the app's plan).
    public var dependsOn: [String]
    /// When the action is part of an app's plan.
    public var includedWhen: Inclusion
    /// Whether the app's env values are erased from the workflow once this action succeeds.
    public var consumesEnvValues: Bool

    public init(id: String, title: String, dependsOn: [String], includedWhen: Inclusion = .always, consumesEnvValues: Bool = false) {
        self.id = id
        self.title = title
        self.dependsOn = dependsOn
        self.includedWhen = includedWhen
        self.consumesEnvValues = consumesEnvValues
    }

    /// When an action is part of an app's plan.
    public enum Inclusion: String, Codable, Sendable, Hashable {
        /// Always.
        case always
        /// Only when the workflow gives the app env values.
        case appHasEnvValues
        /// Only when the workflow has a domain.
        case workflowHasDomain
    }
}

extension WorkflowDefinition {
    /// The ids of the built-in deployment workflow's actions.
    public enum ActionID {
        public static let forkRepository = "fork-repository"
        public static let createProject = "create-project"
        public static let configureEnv = "configure-env"
        public static let deploy = "deploy"
        public static let assignDomain = "assign-domain"
        public static let presentDNS = "present-dns"
    }

    /// The built-in deployment workflow: fork, create the project, set env vars, deploy, add the domain, show DNS.
    public static let deployment = WorkflowDefinition(name: "deployment", actions: [
        ActionDefinition(id: ActionID.forkRepository, title: "Create the GitHub repository", dependsOn: []),
        ActionDefinition(id: ActionID.createProject, title: "Create the Vercel project", dependsOn: [ActionID.forkRepository]),
        ActionDefinition(
            id: ActionID.configureEnv, title: "Set environment variables", dependsOn: [ActionID.createProject],
            includedWhen: .appHasEnvValues, consumesEnvValues: true
        ),
        ActionDefinition(id: ActionID.deploy, title: "Deploy to production", dependsOn: [ActionID.createProject, ActionID.configureEnv]),
        ActionDefinition(id: ActionID.assignDomain, title: "Add the custom domain", dependsOn: [ActionID.deploy], includedWhen: .workflowHasDomain),
        ActionDefinition(id: ActionID.presentDNS, title: "Show the DNS records", dependsOn: [ActionID.assignDomain], includedWhen: .workflowHasDomain),
    ])
}
