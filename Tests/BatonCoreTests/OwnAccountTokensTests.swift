import BatonCore
import BatonKit
import BatonStores
import BatonTestSupport
import Foundation
import Logging
import Synchronization
import Testing

/// A workflow deploying into the user's own accounts: `init` checks and stores their tokens sealed, every step gets
/// them (never the server's), and they are erased once the workflow needs them no more.
@Suite("Own account tokens in the engine")
struct OwnAccountTokensTests {
    /// Records the tokens each step saw, and behaves as told.
    private struct TokenRecordingAction: DeploymentAction {
        let seen: SeenTokens
        let fails: Bool

        func start(_ context: ActionContext) async throws -> ActionOutcome {
            seen.tokens.withLock { $0.append(context.accountTokens?.accessTokens[.github] ?? "server") }
            return fails
                ? .failed(ActionFailure(code: "boom", message: "it failed", retryable: true))
                : .succeeded(outputs: [:], message: "done")
        }

        func poll(_ context: ActionContext, checkpoint: JSONValue) async throws -> ActionOutcome {
            try await start(context)
        }
    }

    /// The tokens the steps saw, in order.
    private final class SeenTokens: Sendable {
        let tokens = Mutex<[String]>([])
    }

    private final class Setup: Sendable {
        let store = MemoryWorkflowStore()
        let seen = SeenTokens()
        let engine: WorkflowEngine

        init(failing: Set<String> = []) throws {
            var actions: [String: any DeploymentAction] = [:]
            for action in WorkflowDefinition.deployment.actions {
                actions[action.id] = TokenRecordingAction(seen: seen, fails: failing.contains(action.id))
            }
            engine = try Baton(
                BatonComponents(
                    store: ConfiguredStore(store: store, pacer: store, keys: store, secrets: store, sealer: .ephemeral()),
                    actions: ActionRegistry(actions)
                ),
                logger: Logger(label: "test")
            ).engine
        }

        func initialize(_ accounts: [AccountProviderKind: AccountChoice], owner: String = "acme") async throws -> InitResponse {
            let request = InitRequest(config: WorkflowConfig(apps: ["app-b"], github: GitHubTarget(owner: owner)), accounts: accounts)
            guard case .created(let response) = try await engine.handle(.initialize(request), bearerToken: nil, clientAddress: "10.0.0.1") else {
                throw APIError(.internalError, "init answered something else")
            }
            return response
        }

        func run(_ workflow: InitResponse, _ action: String) async throws -> ActionStatus {
            let command = DeployCommand.trigger(ActionReference(workflowID: workflow.workflowID, app: "app-b", action: action))
            guard case .action(let status) = try await engine.handle(command, bearerToken: workflow.token) else {
                throw APIError(.internalError, "trigger answered something else")
            }
            return status
        }

        func accountsStored(_ workflow: InitResponse) async throws -> Bool {
            try await store.secret(kind: WorkflowAccounts.kind, id: workflow.workflowID) != nil
        }
    }

    private static let pasted: [AccountProviderKind: AccountChoice] = [.github: .token("ghp_user_token_1"), .vercel: .token("vercel_user_token_1")]

    @Test func stepsUseThePastedTokensAndTheyAreErasedWhenEveryActionSucceeded() async throws {
        let setup = try Setup()
        let workflow = try await setup.initialize(Self.pasted)
        let stored = try #require(await setup.store.secret(kind: WorkflowAccounts.kind, id: workflow.workflowID))
        #expect(stored.sealed.range(of: Data("ghp_user_token_1".utf8)) == nil, "sealed, not plain")
        let actions = workflow.apps[0].actions.map(\.id)
        for action in actions {
            #expect(try await setup.run(workflow, action).state == .succeeded)
        }
        #expect(setup.seen.tokens.withLock { $0 } == Array(repeating: "ghp_user_token_1", count: actions.count))
        #expect(try await !setup.accountsStored(workflow), "erased once the workflow succeeded")
    }

    @Test func aFailedWorkflowKeepsItsTokensForARetryAndCancelErasesThem() async throws {
        let setup = try Setup(failing: ["fork-repository"])
        let workflow = try await setup.initialize(Self.pasted)
        #expect(try await setup.run(workflow, "fork-repository").state == .failed)
        #expect(try await setup.accountsStored(workflow), "kept: the failed action may be retried")
        guard case .workflow(let canceled) = try await setup.engine.handle(.cancel(workflowID: workflow.workflowID), bearerToken: workflow.token) else {
            Issue.record("cancel answered something else")
            return
        }
        #expect(canceled.state == ActionState.canceled)
        #expect(try await !setup.accountsStored(workflow), "erased when canceled")
    }

    @Test func aWorkflowWithTheServersAccountsStoresNoneAndStepsSeeNone() async throws {
        let setup = try Setup()
        let workflow = try await setup.initialize([:])
        #expect(try await !setup.accountsStored(workflow))
        #expect(try await setup.run(workflow, "fork-repository").state == .succeeded)
        #expect(setup.seen.tokens.withLock { $0 } == ["server"])
    }

    @Test func connectedAccountsNeedAConnectionAndNothingIsStoredWithout() async throws {
        let setup = try Setup()
        await #expect(throws: APIError.self) {
            _ = try await setup.initialize([.github: .connected, .vercel: .connected])
        }
        do {
            _ = try await setup.initialize([.github: .connected, .vercel: .token("v")])
        } catch let error as APIError {
            #expect(error.code == "account_not_connected" && error.details.map(\.path) == ["accounts.github"])
        }
        let ids = try await setup.store.workflowIDs(principal: "address:10.0.0.1", createdSince: .distantPast, limit: 10)
        #expect(ids.isEmpty)
    }
}
