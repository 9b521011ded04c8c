public import Foundation
public import Logging

/// What an action knows when it runs: the app, the workflow's config, earlier results, the app's env values, the
/// time, and how to record progress.
public struct ActionContext: Sendable {
    /// The workflow's id; actions tag what they create with it so a retry can find it.
    public var workflowID: String
    /// The action being run, such as `deploy`.
    public var actionID: String
    /// The app being deployed.
    public var app: AppSpec
    /// The workflow's config.
    public var config: WorkflowConfig
    /// The outputs of the app's succeeded actions, by action id; read them typed with ``output(_:)``.
    public var outputs: [String: [String: JSONValue]]
    /// The app's env values. Secret: never log or return them.
    public var envValues: [String: String]
    /// The attempt being run (1 for the first).
    public var attempt: Int
    /// When the request's budget runs out: the step is cut off then.
    public var deadline: Date
    /// When the attempt began, and when it must have ended (the action's deadline, which may be later than ``deadline``).
    public var attemptStartedAt: Date
    /// When the action fails unless it finished (see ``ActionTimeouts``); `nil` for an action that is not running.
    public var actionDeadline: Date?
    /// The engine's clock: actions read the time here, never from `Date()`, so tests can step it.
    public var clock: any BatonClock
    /// A logger carrying the workflow, app and action.
    public var logger: Logger
    /// Slots for calls a provider limits per token (shared by every instance of the store).
    public var pacer: any CallPacer
    /// The user's own accounts' access tokens, valid for this step, when the workflow deploys into them; `nil` when
    /// it deploys with the server's tokens. Secret: never log them.
    public var accountTokens: AccountTokens?
    /// Where the step's provider calls and retries are counted and traced (the engine's; ``Telemetry/off`` outside
    /// the engine). Provider clients take it from here, so their spans are children of the step's.
    public var telemetry: Telemetry
    private var progressRecorder: ProgressRecorder
    /// Where this action's secrets for later actions go, and what earlier actions handed (see ``SecretHandoff``).
    var secretHandoff: SecretHandoff

    public init(
        workflowID: String, actionID: String, app: AppSpec, config: WorkflowConfig, outputs: [String: [String: JSONValue]],
        envValues: [String: String], attempt: Int, deadline: Date, attemptStartedAt: Date? = nil, actionDeadline: Date? = nil,
        clock: any BatonClock = SystemClock(), logger: Logger, pacer: any CallPacer = InMemoryCallPacer(),
        accountTokens: AccountTokens? = nil, progressRecorder: ProgressRecorder = .discarding,
        secretHandoff: SecretHandoff = .unavailable, telemetry: Telemetry = .off
    ) {
        self.workflowID = workflowID
        self.actionID = actionID
        self.app = app
        self.config = config
        self.outputs = outputs
        self.envValues = envValues
        self.attempt = attempt
        self.deadline = deadline
        self.attemptStartedAt = attemptStartedAt ?? clock.now()
        self.actionDeadline = actionDeadline
        self.clock = clock
        self.logger = logger
        self.pacer = pacer
        self.accountTokens = accountTokens
        self.progressRecorder = progressRecorder
        self.secretHandoff = secretHandoff
        self.telemetry = telemetry
    }

    /// The current time, from the engine's clock.
    public func now() -> Date { clock.now() }

    /// Stores where the action stands before the step goes on, so a request that is cut off later resumes here (with
    /// `poll` and this checkpoint) instead of repeating what was done. Call it after each provider call with an
    /// effect, before the next call. `progress.pollAfter` is ignored: a resumed step continues at once.
    /// - Throws: `CancellationError` when this request no longer holds the action (it ran out of time, or the workflow
    ///   was canceled): the step must stop.
    public func recordProgress(_ progress: ActionProgress) async throws {
        try await progressRecorder.record(progress)
    }
}

/// Where ``ActionContext/recordProgress(_:)`` goes: the engine stores it under the request's claim on the action.
public struct ProgressRecorder: Sendable {
    private let body: @Sendable (ActionProgress) async throws -> Void

    public init(_ body: @escaping @Sendable (ActionProgress) async throws -> Void) {
        self.body = body
    }

    func record(_ progress: ActionProgress) async throws {
        try await body(progress)
    }

    /// A recorder that keeps nothing, for running an action outside the engine (tests, tools).
    public static let discarding = ProgressRecorder { _ in }
}
