import BatonCore
import BatonKit
import BatonStores
import BatonTestSupport
import Foundation
import Logging

/// An engine over a memory store with scripted actions, and shortcuts to drive it.
struct EngineHarness {
    let engine: WorkflowEngine
    let store: any WorkflowStore
    let log: CallLog

    init(
        _ behavior: ScriptedAction.Behavior = .instant,
        overrides: [String: ScriptedAction.Behavior] = [:],
        budget: Duration = .seconds(8),
        store: any WorkflowStore = MemoryWorkflowStore(),
        catalog: Catalog = .builtIn,
        clock: any BatonClock = SystemClock(),
        actionTimeouts: [String: Duration] = [:],
        custom: [String: any DeploymentAction] = [:],
        log: CallLog? = nil,
        sealer: EnvSealer = .ephemeral(),
        logger: Logger = Logger(label: "test")
    ) throws {
        let log = log ?? CallLog()
        self.log = log
        self.store = store
        var actions: [String: any DeploymentAction] = [:]
        for action in WorkflowDefinition.deployment.actions {
            actions[action.id] = custom[action.id] ?? ScriptedAction(overrides[action.id] ?? behavior, log: log)
        }
        let memory = MemoryWorkflowStore()
        self.engine = try Baton(
            BatonComponents(
                store: ConfiguredStore(store: store, pacer: memory, keys: memory, secrets: memory, sealer: sealer), catalog: catalog,
                actions: ActionRegistry(actions), clock: clock,
                configuration: .init(requestBudget: budget, leaseGrace: .milliseconds(200), actionTimeouts: actionTimeouts)
            ),
            logger: logger
        ).engine
    }

    func initialize(apps: [String] = ["app-a", "app-b", "app-c"], domain: String? = "example.com",
                    envVars: [String: [String: String]] = ["app-a": ["DATABASE_URL": "postgres://secret-value"]]) async throws -> InitResponse {
        let request = InitRequest(config: WorkflowConfig(apps: apps, github: GitHubTarget(owner: "acme"), domain: domain), envVars: envVars)
        guard case .created(let response) = try await engine.handle(.initialize(request), bearerToken: nil) else {
            fatalError("init answered something else")
        }
        return response
    }

    func trigger(_ workflow: InitResponse, _ app: String, _ action: String) async throws -> ActionStatus {
        let command = DeployCommand.trigger(ActionReference(workflowID: workflow.workflowID, app: app, action: action))
        guard case .action(let status) = try await engine.handle(command, bearerToken: workflow.token) else {
            fatalError("trigger answered something else")
        }
        return status
    }

    func status(_ workflow: InitResponse, _ app: String, _ action: String, waitMs: Int = 0) async throws -> ActionStatus {
        let query = StatusQuery(workflowID: workflow.workflowID, app: app, action: action, waitMs: waitMs)
        guard case .action(let status) = try await engine.handle(.status(query), bearerToken: workflow.token) else {
            fatalError("status answered something else")
        }
        return status
    }

    func cancel(_ workflow: InitResponse) async throws -> WorkflowStatus {
        guard case .workflow(let status) = try await engine.handle(.cancel(workflowID: workflow.workflowID), bearerToken: workflow.token) else {
            fatalError("cancel answered something else")
        }
        return status
    }

    func workflowStatus(_ workflow: InitResponse, history: Bool = false) async throws -> WorkflowStatus {
        let query = StatusQuery(workflowID: workflow.workflowID, includeHistory: history)
        guard case .workflow(let status) = try await engine.handle(.status(query), bearerToken: workflow.token) else {
            fatalError("status answered something else")
        }
        return status
    }

    func key(_ workflow: InitResponse, _ app: String, _ action: String) -> CallLog.Key {
        CallLog.Key(workflowID: workflow.workflowID, app: app, action: action)
    }
}
