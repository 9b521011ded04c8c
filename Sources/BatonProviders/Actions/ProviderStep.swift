import BatonCore
import Foundation
import Logging

/// What one step of a provider action decided.
public enum ProviderStep<State: Codable & Sendable>: Sendable {
    /// Look again at `state` after `after`.
    case wait(State, after: Duration, message: String)
    /// Done.
    case succeeded(outputs: [String: JSONValue], message: String)
    /// Failed.
    case failed(ActionFailure)
}

/// A provider action written as a small state machine: `start` runs ``advance(_:context:)`` from
/// ``initialState``, `poll` from the stored state. Transient provider trouble (rate limits, 5xx, timeouts,
/// dropped connections) keeps the action running and retries the same state later, with the provider's
/// requested wait or exponential backoff; a rejected token fails it for good.
public protocol ProviderStepAction: DeploymentAction {
    /// The action's own progress marker.
    associatedtype State: Codable & Sendable

    /// Where every attempt starts.
    var initialState: State { get }

    /// Does the bounded work of one state and decides what comes next.
    func advance(_ state: State, context: ActionContext) async throws -> ProviderStep<State>
}

/// The checkpoint stored between steps: the action's state and how many retries of it failed in a row.
struct ProviderCheckpoint<State: Codable & Sendable>: Codable, Sendable {
    var state: State
    var retries: Int
}

extension ProviderStepAction {
    public func start(_ context: ActionContext) async throws -> ActionOutcome {
        try await run(ProviderCheckpoint(state: initialState, retries: 0), context: context)
    }

    public func poll(_ context: ActionContext, checkpoint: JSONValue) async throws -> ActionOutcome {
        try await run(try checkpoint.decode(as: ProviderCheckpoint<State>.self), context: context)
    }

    private func run(_ checkpoint: ProviderCheckpoint<State>, context: ActionContext) async throws -> ActionOutcome {
        do {
            switch try await advance(checkpoint.state, context: context) {
            case .wait(let state, let after, let message):
                return .running(try ActionProgress(encoding: ProviderCheckpoint(state: state, retries: 0), pollAfter: after, message: message))
            case .succeeded(let outputs, let message):
                return .succeeded(outputs: outputs, message: message)
            case .failed(let failure):
                return .failed(failure)
            }
        } catch let error as ProviderError {
            return try outcome(for: error, checkpoint: checkpoint, context: context)
        } catch let error as MissingOutput {
            return .failed(ActionFailure(code: "missing_output", message: "Cannot run: \(error).", retryable: false))
        }
    }

    private func outcome(for error: ProviderError, checkpoint: ProviderCheckpoint<State>, context: ActionContext) throws -> ActionOutcome {
        switch error {
        case .badCredentials(let provider, let message):
            return .failed(ActionFailure(
                code: "bad_credentials",
                message: "\(provider.rawValue) rejected \(provider.tokenVariable) (\(message)). Set a valid token and trigger the action again.",
                retryable: false
            ))
        case .transient(let provider, let reason, let retryAfter):
            let retry = checkpoint.retries + 1
            let wait = retryAfter ?? RetryTiming.backoff(retry: checkpoint.retries)
            context.logger.notice("provider call will be retried", metadata: ["provider": "\(provider.rawValue)", "reason": "\(reason)", "retry": "\(retry)"])
            let message = "\(provider.rawValue) is unavailable (\(reason)); retry \(retry) in \(Self.describe(wait))"
            return .running(try ActionProgress(encoding: ProviderCheckpoint(state: checkpoint.state, retries: retry), pollAfter: wait, message: message))
        case .unexpected(let provider, let status, let code, let message):
            return .failed(ActionFailure(
                code: code ?? "provider_error",
                message: "\(provider.rawValue) answered \(status): \(message)",
                retryable: true
            ))
        }
    }

    private static func describe(_ duration: Duration) -> String {
        let seconds = duration.timeInterval
        return seconds < 10 ? String(format: "%.1f s", seconds) : "\(Int(seconds.rounded())) s"
    }
}
