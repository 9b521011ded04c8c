extension DeployRequestParser {
    func parseInit(_ object: [String: JSONValue], _ collector: inout IssueCollector) -> DeployCommand? {
        collector.rejectUnknownFields(of: object, allowed: ["mode", "config", "envVars", "accounts"], at: "")
        let config = parseConfig(object["config"], &collector)
        // Env values are checked against the known apps listed, even when another part of config is invalid.
        let listedApps = object["config"]?.objectValue?["apps"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let envVars = parseEnvVars(object["envVars"], apps: listedApps.filter { catalog.app($0) != nil }, &collector)
        let accounts = parseAccounts(object["accounts"], &collector)
        guard let config else { return nil }
        return .initialize(InitRequest(config: config, envVars: envVars, accounts: accounts))
    }

    private func parseConfig(_ value: JSONValue?, _ collector: inout IssueCollector) -> WorkflowConfig? {
        guard let config = collector.object(value, at: "config", required: true) else { return nil }
        collector.rejectUnknownFields(of: config, allowed: ["apps", "github", "vercel", "domain"], at: "config")
        let apps = parseApps(config["apps"], &collector)
        let owner = parseOwner(config["github"], &collector)
        let teamID = parseTeam(config["vercel"], &collector)
        var domain: String?
        if let text = collector.string(config["domain"], at: "config.domain", required: false) {
            if Patterns.isDomainName(text) {
                domain = text.lowercased()
            } else {
                collector.add("config.domain", "must be a valid DNS name such as example.com")
            }
        }
        guard let apps, let owner else { return nil }
        return WorkflowConfig(apps: apps, github: GitHubTarget(owner: owner), vercel: teamID.map(VercelTarget.init(teamID:)), domain: domain)
    }

    private func parseApps(_ value: JSONValue?, _ collector: inout IssueCollector) -> [String]? {
        guard let value, value != .null else {
            collector.add("config.apps", "is required")
            return nil
        }
        guard let elements = value.arrayValue else {
            collector.add("config.apps", "must be an array of app ids, not \(value.typeName)")
            return nil
        }
        if elements.isEmpty {
            collector.add("config.apps", "must name at least one app")
        } else if elements.count > limits.maxApps {
            // The list is refused whole: one issue, not one per entry (a 1 MB body of bad entries made a 20 MB answer).
            collector.add("config.apps", "must name at most \(limits.maxApps) apps (this server's limit, set with baton serve --max-apps)")
            return nil
        }
        var apps: [String] = []
        for (index, element) in elements.enumerated() {
            let path = "config.apps[\(index)]"
            guard let id = element.stringValue else {
                collector.add(path, "must be a string, not \(element.typeName)")
                continue
            }
            if catalog.app(id) == nil {
                collector.add(path, "'\(id)' is not in the catalog; known apps: \(catalog.apps.map(\.id).joined(separator: ", "))")
            } else if apps.contains(id) {
                collector.add(path, "'\(id)' is listed twice")
            } else {
                apps.append(id)
            }
        }
        return apps
    }

    private func parseOwner(_ value: JSONValue?, _ collector: inout IssueCollector) -> String? {
        guard let github = collector.object(value, at: "config.github", required: true) else { return nil }
        collector.rejectUnknownFields(of: github, allowed: ["owner"], at: "config.github")
        guard let owner = collector.string(github["owner"], at: "config.github.owner", required: true) else { return nil }
        guard Patterns.isGitHubLogin(owner) else {
            collector.add("config.github.owner", "must be a GitHub login: 1-39 letters, digits or single hyphens, not starting or ending with a hyphen")
            return nil
        }
        return owner
    }

    private func parseTeam(_ value: JSONValue?, _ collector: inout IssueCollector) -> String? {
        guard let vercel = collector.object(value, at: "config.vercel", required: false) else { return nil }
        collector.rejectUnknownFields(of: vercel, allowed: ["teamId"], at: "config.vercel")
        guard let teamID = collector.string(vercel["teamId"], at: "config.vercel.teamId", required: true) else { return nil }
        guard Patterns.isVercelTeamID(teamID) else {
            collector.add("config.vercel.teamId", "must be a Vercel team id such as team_abc123")
            return nil
        }
        return teamID
    }

    private func parseEnvVars(_ value: JSONValue?, apps: [String], _ collector: inout IssueCollector) -> [String: [String: String]] {
        let byApp = collector.object(value, at: "envVars", required: false) ?? [:]
        var result: [String: [String: String]] = [:]
        for appID in byApp.keys.sorted() {
            let path = "envVars.\(appID)"
            guard let app = catalog.app(appID), apps.contains(appID) else {
                collector.add(path, "'\(appID)' is not one of the apps in config.apps")
                continue
            }
            guard let values = collector.object(byApp[appID], at: path, required: false) else { continue }
            var appValues: [String: String] = [:]
            for key in values.keys.sorted() {
                let keyPath = "\(path).\(key)"
                guard Patterns.isEnvKey(key) else {
                    collector.add(keyPath, "is not a valid env key: use ^[A-Z_][A-Z0-9_]*$")
                    continue
                }
                guard app.envVar(key) != nil else {
                    let declared = app.env.map(\.key)
                    let known = declared.isEmpty ? "it declares none" : "it declares \(declared.joined(separator: ", "))"
                    collector.add(keyPath, "is not declared by \(app.name); \(known)")
                    continue
                }
                guard let text = values[key]?.stringValue else {
                    collector.add(keyPath, "must be a string, not \(values[key]?.typeName ?? "missing")")
                    continue
                }
                if text.isEmpty {
                    collector.add(keyPath, "must not be empty")
                } else if text.utf8.count > limits.maxEnvValueBytes {
                    collector.add(keyPath, "must be at most \(limits.maxEnvValueBytes) bytes")
                } else {
                    appValues[key] = text
                }
            }
            if !appValues.isEmpty { result[appID] = appValues }
        }
        var checked: Set<String> = []
        for appID in apps where checked.insert(appID).inserted {
            guard let app = catalog.app(appID) else { continue }
            let given = (byApp[appID]?.objectValue) ?? [:]
            for variable in app.env where variable.required && given[variable.key] == nil {
                collector.add("envVars.\(appID).\(variable.key)", "is required by \(app.name): \(variable.description)")
            }
        }
        return result
    }
}
