public import BatonCore
import Foundation
import Logging

/// What one state of a provider action decided.
public enum ProviderStep<State: Codable & Sendable>: Sendable {
    /// A call with an effect is done: record `state` (so a request cut off later resumes there) and go on with it at
    /// once, in this request.
    case next(State, message: String)
    /// Look again at `state` after `after`. When the deadline passes while waiting, the action fails with
    /// `ifDeadlinePasses` (worded with how long it waited) instead of the general `deadline_exceeded`.
    case wait(State, after: Duration, message: String, ifDeadlinePasses: ActionFailure? = nil)
    /// Done.
    case succeeded(outputs: [String: JSONValue], message: String)
    /// Failed; with `in`, the state it ended in, whose ``ProviderStepAction/details(of:)`` clients keep seeing (a
    /// deployment that ended `ERROR`, say).
    case failed(ActionFailure, in: State? = nil)

    /// Done, with `output` as the public outputs (stored as the JSON object it encodes to).
    /// - Throws: `EncodingError` when `output` does not encode to a JSON object.
    public static func succeeded(_ output: some ActionOutput, message: String) throws -> ProviderStep {
        .succeeded(outputs: try output.encodedOutputs(), message: message)
    }
}

/// A provider action written as a small state machine: `start` runs ``advance(_:context:)`` from ``initialState``,
/// `poll` from the stored state, and each ``ProviderStep/next(_:message:)`` is recorded before the next state runs,
/// so no call with a known effect is sent twice.
///
/// Trouble that may pass (rate limits, 5xx, timeouts, dropped connections) keeps the action running and retries the
/// same state under ``DeploymentAction/retryPolicy``, after the provider's requested wait or a backoff; once the policy
/// is exhausted the action fails with the provider's last message. A rejected token fails it at once.
public protocol ProviderStepAction: DeploymentAction {
    /// The action's own progress marker.
    associatedtype State: Codable & Sendable

    /// Where every attempt starts.
    var initialState: State { get }

    /// Does the bounded work of one state (at most one call with an effect) and decides what comes next.
    func advance(_ state: State, context: ActionContext) async throws -> ProviderStep<State>

    /// The phase a state belongs to, bounded by ``DeploymentAction/timeouts``' phase of that name. Default: none.
    func phase(of state: State) -> String?

    /// Public facts about a state for clients to show (never secrets). Default: none.
    func details(of state: State) -> [String: JSONValue]

    /// Stops the provider work a canceled attempt left in `state`. Default: nothing to stop.
    func stopWork(in state: State, context: ActionContext) async throws -> StopOutcome
}

/// The checkpoint stored between steps: the action's state, how many calls of it failed in a row, and the failure to
/// report should the deadline pass before it moves on.
struct ProviderCheckpoint<State: Codable & Sendable>: Codable, Sendable {
    var state: State
    var retries: Int
    var problem: ActionFailure?
}

extension ProviderStepAction {
    public func phase(of state: State) -> String? { nil }

    public func details(of state: State) -> [String: JSONValue] { [:] }

    public func stopWork(in state: State, context: ActionContext) async throws -> StopOutcome { .nothingToStop }

    public func start(_ context: ActionContext) async throws -> ActionOutcome {
        try await run(ProviderCheckpoint(state: initialState, retries: 0), context: context)
    }

    public func poll(_ context: ActionContext, checkpoint: JSONValue) async throws -> ActionOutcome {
        try await run(try checkpoint.decode(as: ProviderCheckpoint<State>.self), context: context)
    }

    public func deadlineFailure(_ deadline: DeadlineExceeded, checkpoint: JSONValue?) -> ActionFailure {
        guard let stored = try? checkpoint?.decode(as: ProviderCheckpoint<State>.self), var problem = stored.problem else {
            return deadline.failure
        }
        problem.message = "Gave up after \(deadline.limit.spoken) (\(deadline.setting)): \(problem.message)"
        return problem
    }

    public func stop(_ context: ActionContext, checkpoint: JSONValue?) async throws -> StopOutcome {
        let state = try checkpoint.map { try $0.decode(as: ProviderCheckpoint<State>.self).state } ?? initialState
        return try await stopWork(in: state, context: context)
    }

    private func run(_ checkpoint: ProviderCheckpoint<State>, context: ActionContext) async throws -> ActionOutcome {
        var current = checkpoint
        while true {
            let stepStarted = context.now()
            let step: ProviderStep<State>
            do {
                step = try await advance(current.state, context: context)
            } catch let error as ProviderError {
                return try outcome(for: error, checkpoint: current, context: context)
            } catch let error as MissingActionOutput {
                return .failed(error.failure)
            }
            switch step {
            case .next(let state, let message):
                current = ProviderCheckpoint(state: state, retries: 0)
                let recorded = try progress(current, after: .zero, message: message)
                try await context.recordProgress(recorded)
                // The next state probably takes about as long as this one did: when less than that is left of the
                // request's budget, leave it to the next request rather than have a creating call cut off midway
                // (its effect would then be unknown, and the call sent again).
                let now = context.now()
                if context.deadline.timeIntervalSince(now) < now.timeIntervalSince(stepStarted) {
                    return .running(recorded)
                }
            case .wait(let state, let after, let message, let problem):
                return .running(try progress(ProviderCheckpoint(state: state, retries: 0, problem: problem), after: after, message: message))
            case .succeeded(let outputs, let message):
                return .succeeded(outputs: outputs, message: message)
            case .failed(let failure, let final):
                if let final, !details(of: final).isEmpty {
                    try await context.recordProgress(try progress(ProviderCheckpoint(state: final, retries: 0), after: .zero, message: failure.message))
                }
                return .failed(failure)
            }
        }
    }

    private func progress(_ checkpoint: ProviderCheckpoint<State>, after: Duration, message: String) throws -> ActionProgress {
        try ActionProgress(
            encoding: checkpoint, pollAfter: after, message: message, phase: phase(of: checkpoint.state),
            details: details(of: checkpoint.state)
        )
    }

    private func outcome(for error: ProviderError, checkpoint: ProviderCheckpoint<State>, context: ActionContext) throws -> ActionOutcome {
        let ownAccount = context.accountTokens != nil
        var error = error
        if ownAccount, case .badCredentials(let provider, let message) = error {
            // Another request may have renewed the user's token meanwhile, which revokes the one this step used: retry
            // (the next try gets the renewed token) under the retry policy.
            error = .transient(provider: provider, code: .tokenRenewed, message: "refused your token: \(message)", hint: .retryAfter(.seconds(1)))
        }
        guard case .transient(let provider, let code, _, let hint) = error else {
            return .failed(error.failure(ownAccount: ownAccount))
        }
        let failures = checkpoint.retries + 1
        var failure = error.failure(ownAccount: ownAccount)
        guard retryPolicy.allowsRetry(afterFailures: failures, code: code.rawValue) else {
            if failures > 1 { failure.message += " (gave up after \(failures) tries)" }
            return .failed(failure)
        }
        let wait = retryPolicy.delay(retry: checkpoint.retries, hint: hint, now: context.now())
        context.telemetry.recordRetry(.providerCall, action: context.actionID, code: code.rawValue)
        context.logger.notice("provider call will be retried", metadata: [
            "provider": "\(provider.rawValue)", "code": "\(code.rawValue)", "retry": "\(failures)", "waitMs": "\(Int(wait.milliseconds.rounded(.up)))",
        ])
        // The provider's message may end with its own full stop: the retry note follows it as a sentence of its own.
        let said = failure.message.hasSuffix(".") ? String(failure.message.dropLast()) : failure.message
        let message = "\(said); retry \(failures) of \(retryPolicy.maximumAttempts - 1) in \(wait.spoken)"
        let next = ProviderCheckpoint(state: checkpoint.state, retries: failures, problem: failure)
        return .running(try progress(next, after: wait, message: message))
    }
}
