import BatonCore
import BatonKit
import BatonStores
import BatonTestSupport
import Logging
import Testing

/// A definition that cannot be planned is refused when Baton is assembled, not found out by blocked actions later.
struct WorkflowDefinitionProblemsTests {
    static func step(_ id: String, after dependsOn: [String] = []) -> ActionDefinition {
        ActionDefinition(id: id, title: id, dependsOn: dependsOn)
    }

    @Test func theBuiltInDefinitionHasNoProblems() {
        #expect(WorkflowDefinition.deployment.problems.isEmpty)
    }

    @Test func eachProblemIsNamed() {
        let typo = WorkflowDefinition.deployment.appending([Self.step("watch", after: ["deplyo"])], name: "typo")
        #expect(typo.problems == ["'watch' depends on 'deplyo', which the definition does not have"])
        let twice = WorkflowDefinition.deployment.appending([Self.step("deploy", after: ["fork-repository"])], name: "twice")
        #expect(twice.problems == ["'deploy' is defined more than once"])
        let cycle = WorkflowDefinition(name: "cycle", actions: [Self.step("a", after: ["b"]), Self.step("b", after: ["a"])])
        #expect(cycle.problems == ["'a' depends on 'b', which comes after it (or is itself)"])
        let itself = WorkflowDefinition(name: "itself", actions: [Self.step("a", after: ["a"])])
        #expect(itself.problems == ["'a' depends on 'a', which comes after it (or is itself)"])
    }

    @Test func assemblingBatonWithABrokenDefinitionThrowsItsProblems() throws {
        let definition = WorkflowDefinition.deployment.appending([Self.step("watch", after: ["deplyo"])], name: "typo")
        let components = BatonComponents(
            store: .memory(), definition: definition, actions: .scripted(.instant, definition: definition)
        )

        #expect(throws: WorkflowEngineError.invalidDefinition(definition.problems)) {
            try Baton(components, logger: Logger(label: "test"))
        }
    }

    /// A host action that reads an output its action has not produced fails `missing_output` (not retryable, naming
    /// what is missing) instead of an unexpected error.
    struct ReadsDeployOutput: DeploymentAction {
        func start(_ context: ActionContext) async throws -> ActionOutcome {
            _ = try context.output(DeployOutput.self)
            return .succeeded(outputs: [:], message: "Read it")
        }

        func poll(_ context: ActionContext, checkpoint: JSONValue) async throws -> ActionOutcome { try await start(context) }
    }

    @Test func anActionMissingAnOutputFailsMissingOutput() async throws {
        let harness = try EngineHarness(custom: [WorkflowDefinition.ActionID.forkRepository: ReadsDeployOutput()])
        let workflow = try await harness.initialize(apps: ["app-b"], domain: nil, envVars: [:])

        let status = try await harness.trigger(workflow, "app-b", WorkflowDefinition.ActionID.forkRepository)

        #expect(status.state == .failed)
        #expect(status.error?.code == "missing_output")
        #expect(status.error?.retryable == false)
        #expect(status.error?.message.contains("missing output of deploy") == true)
    }
}
