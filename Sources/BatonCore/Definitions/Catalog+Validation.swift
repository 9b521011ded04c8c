import Foundation

extension Catalog {
    /// Every problem with this catalog, each with its path (`apps[1].template`); empty when it is valid.
    public func validationIssues() -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if apps.isEmpty {
            issues.append(FieldIssue(path: "apps", message: "must list at least one app"))
        }
        var seenIDs: Set<String> = []
        var seenSubdomains: Set<String> = []
        var forkedTemplates: [String: String] = [:]
        for (index, app) in apps.enumerated() {
            let path = "apps[\(index)]"
            if !Patterns.isSlug(app.id) {
                issues.append(FieldIssue(path: "\(path).id", message: "must be a slug of lower-case letters, digits and hyphens"))
            } else if !seenIDs.insert(app.id).inserted {
                issues.append(FieldIssue(path: "\(path).id", message: "repeats the id '\(app.id)'"))
            }
            if app.name.trimmingCharacters(in: .whitespaces).isEmpty {
                issues.append(FieldIssue(path: "\(path).name", message: "must not be empty"))
            }
            if !Patterns.isRepositoryReference(app.template) {
                issues.append(FieldIssue(path: "\(path).template", message: "must be a GitHub repository as owner/name"))
            } else if app.repository == .fork {
                // GitHub keeps one fork of a repository network per account and answers a second fork request with
                // the first fork, so two fork-mode apps on one template would deploy one repository.
                let template = app.template.lowercased()
                if let first = forkedTemplates[template] {
                    issues.append(FieldIssue(
                        path: "\(path).repository",
                        message: "forks \(app.template) like the app '\(first)', but GitHub keeps one fork of a repository per account; use `repository: generate` for one of them"
                    ))
                } else {
                    forkedTemplates[template] = app.id
                }
            }
            if let framework = app.framework, !Patterns.isSlug(framework) {
                issues.append(FieldIssue(path: "\(path).framework", message: "must be a Vercel framework slug or null"))
            }
            if !Patterns.isDNSLabel(app.subdomain) {
                issues.append(FieldIssue(path: "\(path).subdomain", message: "must be a DNS label of lower-case letters, digits and hyphens"))
            } else if !seenSubdomains.insert(app.subdomain).inserted {
                issues.append(FieldIssue(path: "\(path).subdomain", message: "repeats the subdomain '\(app.subdomain)'"))
            }
            var seenKeys: Set<String> = []
            for (envIndex, variable) in app.env.enumerated() where !Patterns.isEnvKey(variable.key) || !seenKeys.insert(variable.key).inserted {
                let problem = Patterns.isEnvKey(variable.key) ? "repeats the key '\(variable.key)'" : "must match ^[A-Z_][A-Z0-9_]*$"
                issues.append(FieldIssue(path: "\(path).env[\(envIndex)].key", message: problem))
            }
        }
        return issues
    }
}
