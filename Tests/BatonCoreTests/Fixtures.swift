import BatonCore
import Foundation

/// Workflow records built the way `init` builds them, for tests of the pure transitions.
enum Fixtures {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func record(apps: [String] = ["app-a", "app-b"], domain: String? = "example.com", envApps: [String] = ["app-a"]) -> WorkflowRecord {
        let config = WorkflowConfig(apps: apps, github: GitHubTarget(owner: "acme"), domain: domain)
        var envVars: [String: [String: String]] = [:]
        for app in envApps { envVars[app] = ["DATABASE_URL": "postgres://db"] }
        let plan = PlanResolver.resolveWorkflowActions(config: config, envVars: envVars, catalog: .builtIn, definition: .deployment)
        return WorkflowRecord(
            id: "wf_test", tokenHash: SecretIdentifiers.tokenHash("token"), definitionVersion: "v1", config: config,
            apps: plan.map { AppRecord(id: $0.id, name: $0.name, actions: $0.actions.map { ActionRecord(planned: $0, at: start) }) },
            sealedEnv: Dictionary(uniqueKeysWithValues: envApps.map { ($0, Data([1, 2, 3])) }), createdAt: start
        )
    }

    /// Stores a copy of ``record(apps:domain:envApps:)`` under a new id, started by `principal` `seconds` after
    /// ``start`` (negative: before it), for the store contracts that count and list a principal's workflows.
    static func insertRecord(into store: any WorkflowStore, principal: String, at seconds: Double) async throws -> WorkflowRecord {
        var record = record()
        record.id = "wf_\(UUID().uuidString.lowercased())"
        record.principal = principal
        record.createdAt = start.addingTimeInterval(seconds)
        try await store.insert(record)
        return record
    }

    /// An action's bounds for transitions: ten minutes per attempt, a one-minute `build` phase.
    static let timeouts = ActionTimeouts(attempt: .seconds(600), phases: ["build": .seconds(60)])

    static func lease(_ id: String = "lease-1", until: Date = start.addingTimeInterval(10)) -> ActionLease {
        ActionLease(id: id, expiresAt: until)
    }
}
