import BatonCore
import BatonStores
import Foundation
import Logging
import Testing

/// An action hands a secret to a later action of its app sealed, never through outputs, statuses or logs, and it
/// is erased once the app finished or the workflow was canceled.
struct SecretHandoffTests {
    static let secret = "pw-7f3a9c1e-only-once"

    /// Hands `{"password": secret}` over, then succeeds with a public output.
    struct HandingAction: DeploymentAction {
        func start(_ context: ActionContext) async throws -> ActionOutcome {
            try await context.handOver(["password": SecretHandoffTests.secret])
            return .succeeded(outputs: ["made": .bool(true)], message: "Made it")
        }

        func poll(_ context: ActionContext, checkpoint: JSONValue) async throws -> ActionOutcome { try await start(context) }
    }

    /// Succeeds saying whether it received the secret, without showing it.
    struct ReadingAction: DeploymentAction {
        let from: String

        func start(_ context: ActionContext) async throws -> ActionOutcome {
            let handed = try context.handedSecrets(from: from)
            return .succeeded(outputs: ["received": .bool(handed?["password"] == SecretHandoffTests.secret)], message: "Read it")
        }

        func poll(_ context: ActionContext, checkpoint: JSONValue) async throws -> ActionOutcome { try await start(context) }
    }

    static let fork = WorkflowDefinition.ActionID.forkRepository
    static let project = WorkflowDefinition.ActionID.createProject
    static let deploy = WorkflowDefinition.ActionID.deploy

    func harness(store: any WorkflowStore, logger: Logger = Logger(label: "test")) throws -> EngineHarness {
        try EngineHarness(store: store, custom: [Self.fork: HandingAction(), Self.deploy: ReadingAction(from: Self.fork)], logger: logger)
    }

    @Test(arguments: ["memory", "sqlite"])
    func aLaterActionReadsWhatAnEarlierOneHandedOverAndItIsErasedOnceTheAppFinished(storeKind: String) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baton-handoff-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store: any WorkflowStore = storeKind == "sqlite"
            ? try SQLiteWorkflowStore(path: folder.appendingPathComponent("baton.sqlite").path) : MemoryWorkflowStore()
        let harness = try harness(store: store)
        let workflow = try await harness.initialize(apps: ["app-a"], domain: nil, envVars: [:])

        #expect(try await harness.trigger(workflow, "app-a", Self.fork).state == .succeeded)
        let midway = try #require(try await store.fetch(id: workflow.workflowID, includeHistory: true))
        let sealed = try #require(midway.apps[0].actions.first { $0.id == Self.fork }?.handedSecrets)
        #expect(!String(decoding: sealed, as: UTF8.self).contains(Self.secret))
        #expect(try await harness.trigger(workflow, "app-a", Self.project).state == .succeeded)
        let read = try await harness.trigger(workflow, "app-a", Self.deploy)

        #expect(read.state == .succeeded)
        #expect(read.outputs["received"] == .bool(true))
        let finished = try #require(try await store.fetch(id: workflow.workflowID, includeHistory: true))
        #expect(finished.apps[0].actions.allSatisfy { $0.handedSecrets == nil })
        let status = try await harness.workflowStatus(workflow, history: true)
        let shown = String(decoding: try JSONEncoder().encode(status), as: UTF8.self)
        #expect(!shown.contains(Self.secret))
        #expect(!shown.contains(sealed.base64EncodedString()))
        #expect(!shown.contains("handedSecrets"))
    }

    @Test func cancelingTheWorkflowErasesWhatWasHandedOver() async throws {
        let store = MemoryWorkflowStore()
        let harness = try harness(store: store)
        let workflow = try await harness.initialize(apps: ["app-a", "app-b"], domain: nil, envVars: [:])
        #expect(try await harness.trigger(workflow, "app-a", Self.fork).state == .succeeded)

        _ = try await harness.cancel(workflow)

        let canceled = try #require(try await store.fetch(id: workflow.workflowID, includeHistory: false))
        #expect(canceled.apps.allSatisfy { $0.actions.allSatisfy { $0.handedSecrets == nil } })
    }

    @Test func readingAnActionThatHandedNothingGivesNothing() async throws {
        let store = MemoryWorkflowStore()
        let harness = try EngineHarness(
            store: store, custom: [Self.fork: HandingAction(), Self.deploy: ReadingAction(from: Self.project)]
        )
        let workflow = try await harness.initialize(apps: ["app-a"], domain: nil, envVars: [:])
        for action in [Self.fork, Self.project] { _ = try await harness.trigger(workflow, "app-a", action) }

        let read = try await harness.trigger(workflow, "app-a", Self.deploy)

        #expect(read.outputs["received"] == .bool(false))
    }

    @Test func outsideTheEngineThereIsNoHandoff() async throws {
        let context = ActionContext(
            workflowID: "wf", actionID: Self.fork, app: try #require(Catalog.builtIn.app("app-a")),
            config: WorkflowConfig(apps: ["app-a"], github: GitHubTarget(owner: "acme")), outputs: [:], envValues: [:], attempt: 1,
            deadline: Date().addingTimeInterval(5), logger: Logger(label: "test")
        )

        await #expect(throws: SecretHandoffError.unavailable) { try await context.handOver(["k": "v"]) }
        #expect(try context.handedSecrets(from: Self.fork) == nil)
    }
}
