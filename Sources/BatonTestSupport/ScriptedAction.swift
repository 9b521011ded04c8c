public import BatonCore
import Foundation

/// A ``DeploymentAction`` that follows a script instead of calling a provider: for testing and
/// benchmarking the engine. It records every call in a ``CallLog``.
public struct ScriptedAction: DeploymentAction {
    /// What the action does.
    public enum Behavior: Sendable, Hashable {
        /// `start` succeeds at once.
        case instant
        /// `start` reports running; the `polls`-th poll succeeds; each asks for `pollAfter` between polls.
        case succeedAfterPolls(Int, pollAfter: Duration)
        /// Every attempt fails with a retryable error.
        case failRetryably
        /// Every attempt fails with an error that is not retryable.
        case failPermanently
        /// The first `attempts` attempts fail retryably; later ones succeed at once.
        case failFirstAttempts(Int)
        /// `start` sleeps past any budget (and honours cancellation).
        case overrunBudget
        /// `start` sleeps for the duration, then succeeds.
        case slowStart(Duration)
        /// `start` throws an error that is not an ``ActionFailure``.
        case throwUnexpectedly
    }

    /// The progress marker this action keeps between polls.
    struct Checkpoint: Codable {
        var polls: Int
    }

    private let behavior: Behavior
    private let log: CallLog

    public init(_ behavior: Behavior, log: CallLog = CallLog()) {
        self.behavior = behavior
        self.log = log
    }

    public func start(_ context: ActionContext) async throws -> ActionOutcome {
        try await log.record(.start, context: context) {
            switch behavior {
            case .instant:
                return .succeeded(outputs: outputs(context), message: "Done")
            case .succeedAfterPolls(_, let pollAfter):
                return .running(try ActionProgress(encoding: Checkpoint(polls: 0), pollAfter: pollAfter, message: "Started"))
            case .failRetryably:
                return .failed(ActionFailure(code: "flaky", message: "The provider had a hiccup.", retryable: true))
            case .failPermanently:
                return .failed(ActionFailure(code: "refused", message: "The provider refused.", retryable: false))
            case .failFirstAttempts(let attempts):
                if context.attempt <= attempts {
                    return .failed(ActionFailure(code: "flaky", message: "Attempt \(context.attempt) failed.", retryable: true))
                }
                return .succeeded(outputs: outputs(context), message: "Done on attempt \(context.attempt)")
            case .overrunBudget:
                try await Task.sleep(for: .seconds(3600))
                return .succeeded(outputs: outputs(context), message: "Too late")
            case .slowStart(let duration):
                try await Task.sleep(for: duration)
                return .succeeded(outputs: outputs(context), message: "Done slowly")
            case .throwUnexpectedly:
                throw CocoaError(.fileReadUnknown)
            }
        }
    }

    public func poll(_ context: ActionContext, checkpoint: JSONValue) async throws -> ActionOutcome {
        try await log.record(.poll, context: context) {
            guard case .succeedAfterPolls(let needed, let pollAfter) = behavior else {
                return .failed(ActionFailure(code: "unexpected_poll", message: "This action never asks to be polled.", retryable: false))
            }
            let polls = try checkpoint.decode(as: Checkpoint.self).polls + 1
            if polls >= needed {
                return .succeeded(outputs: outputs(context), message: "Done after \(polls) polls")
            }
            return .running(try ActionProgress(encoding: Checkpoint(polls: polls), pollAfter: pollAfter, message: "Poll \(polls) of \(needed)"))
        }
    }

    private func outputs(_ context: ActionContext) -> [String: JSONValue] {
        var outputs: [String: JSONValue] = ["app": .string(context.app.id), "attempt": .number(Double(context.attempt))]
        if !context.envValues.isEmpty {
            outputs["envKeys"] = .array(context.envValues.keys.sorted().map(JSONValue.string))
        }
        return outputs
    }
}

extension ActionRegistry {
    /// A registry that runs `behavior` for every action of `definition`, except those named in `overrides`.
    public static func scripted(
        _ behavior: ScriptedAction.Behavior,
        overrides: [String: ScriptedAction.Behavior] = [:],
        definition: WorkflowDefinition = .deployment,
        log: CallLog = CallLog()
    ) -> ActionRegistry {
        var actions: [String: any DeploymentAction] = [:]
        for action in definition.actions {
            actions[action.id] = ScriptedAction(overrides[action.id] ?? behavior, log: log)
        }
        return ActionRegistry(actions)
    }
}
