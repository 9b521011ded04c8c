import Foundation
public import Logging

/// Runs `POST /api/deploy` commands: validates nothing itself (the parser did), but plans, authorizes,
/// enforces the order of actions, and advances them one bounded step at a time, inside the request.
///
/// The engine keeps no state of its own between requests: everything lives in the ``WorkflowStore``, so any
/// request may land on any instance. Nothing runs after a method returns.
public struct WorkflowEngine: Sendable {
    /// How the engine paces its work.
    public struct Configuration: Sendable {
        /// The most time one request may spend; a step still running then is cut off and continued later.
        public var requestBudget: Duration
        /// How long a claim on an action outlives the request's budget, so a crashed request's claim lapses soon.
        public var leaseGrace: Duration
        /// How many times an update is retried when another request changed the workflow first.
        public var maxUpdateAttempts: Int
        /// How long a workflow lives after `init`; older ones are answered as not found and deleted.
        public var workflowTTL: Duration
        /// How often, at most, an `init` request also deletes expired workflows.
        public var expirySweepInterval: Duration
        /// The operator's bounds on actions, replacing the actions' own defaults: keys `ACTION` (a whole attempt) and
        /// `ACTION.PHASE` (one phase, such as `deploy.build`); see ``ActionTimeouts``.
        public var actionTimeouts: [String: Duration]
        /// How many workflows one principal may start (`init`), shared by every instance on the store; nil: no limit.
        /// Beyond it, `init` is answered 429 `rate_limited` with `Retry-After`.
        public var initPace: CallPace?

        /// The default ``initPace``: 30 a minute and 600 an hour per principal (per client address under `--auth none`).
        public static let defaultInitPace = CallPace("30/m,600/h")!
        /// How many open workflows (not canceled, not every action succeeded, not expired) one principal may have;
        /// beyond it, `init` is answered 429 `too_many_open_workflows`. nil: no limit.
        public var maxOpenWorkflows: Int?

        /// The default ``maxOpenWorkflows``.
        public static let defaultMaxOpenWorkflows = 50

        public init(
            requestBudget: Duration = .seconds(8), leaseGrace: Duration = .seconds(2), maxUpdateAttempts: Int = 32,
            workflowTTL: Duration = .seconds(7 * 86_400), expirySweepInterval: Duration = .seconds(600),
            actionTimeouts: [String: Duration] = [:], initPace: CallPace? = defaultInitPace,
            maxOpenWorkflows: Int? = defaultMaxOpenWorkflows
        ) {
            self.requestBudget = requestBudget
            self.leaseGrace = leaseGrace
            self.maxUpdateAttempts = maxUpdateAttempts
            self.workflowTTL = workflowTTL
            self.expirySweepInterval = expirySweepInterval
            self.actionTimeouts = actionTimeouts
            self.initPace = initPace
            self.maxOpenWorkflows = maxOpenWorkflows
        }
    }

    let store: any WorkflowStore
    let authenticator: any Authenticator
    let pacer: any CallPacer
    let catalog: Catalog
    let definition: WorkflowDefinition
    let actions: ActionRegistry
    let sealer: EnvSealer
    /// Where users' own account tokens are kept; `nil` when the server keeps none.
    let accountVault: AccountVault?
    let clock: any BatonClock
    let signal: WorkflowChangeSignal
    let expirySweep: ExpirySweepSchedule
    let configuration: Configuration
    let logger: Logger
    /// Where the engine counts finished actions and retries and traces its steps; steps hand it to their actions, and
    /// the server's routes count and trace requests into it too.
    public let telemetry: Telemetry

    /// The version of the catalog and definition this engine plans with.
    public let definitionVersion: String

    /// The bounds of `actionID`: its implementation's defaults with the operator's overrides.
    public func timeouts(of actionID: String) -> ActionTimeouts {
        let defaults = actions.action(actionID)?.timeouts ?? ActionTimeouts(attempt: .seconds(600))
        return defaults.overridden(by: configuration.actionTimeouts, action: actionID)
    }

    /// An engine.
    /// - Parameters:
    ///   - authenticator: who may start workflows (`--auth`); by default anyone (``OpenAccess``).
    ///   - pacer: call slots shared by every instance (the store's; one for this process by default).
    ///   - accountVault: where users' own account tokens are kept (workflows started with `accounts`); `nil`
    ///     refuses such workflows.
    ///   - telemetry: where actions finished, retries and step spans are recorded (and, through each step's
    ///     ``ActionContext/telemetry``, provider calls); ``Telemetry/off`` by default.
    /// - Throws: ``WorkflowEngineError/invalidDefinition(_:)`` when `definition` has ``WorkflowDefinition/problems``,
    ///   ``WorkflowEngineError/missingActions(_:)`` when `actions` lacks an action `definition` names, and
    ///   ``WorkflowEngineError/unknownTimeoutSettings(_:known:)`` when a timeout setting names no action or phase.
    public init(
        store: any WorkflowStore,
        authenticator: any Authenticator = OpenAccess(),
        pacer: any CallPacer = InMemoryCallPacer(),
        catalog: Catalog,
        definition: WorkflowDefinition = .deployment,
        actions: ActionRegistry,
        sealer: EnvSealer,
        accountVault: AccountVault? = nil,
        clock: any BatonClock = SystemClock(),
        configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "baton.engine"),
        telemetry: Telemetry = .off
    ) throws {
        let problems = definition.problems
        guard problems.isEmpty else { throw WorkflowEngineError.invalidDefinition(problems) }
        let missing = actions.missingActions(for: definition)
        guard missing.isEmpty else { throw WorkflowEngineError.missingActions(missing) }
        let known = definition.actions.flatMap { action in
            [action.id] + (actions.action(action.id)?.timeouts.phases.keys.sorted() ?? []).map { "\(action.id).\($0)" }
        }
        let unknown = configuration.actionTimeouts.keys.filter { !known.contains($0) }
        guard unknown.isEmpty else { throw WorkflowEngineError.unknownTimeoutSettings(unknown.sorted(), known: known) }
        self.store = store
        self.authenticator = authenticator
        self.pacer = pacer
        self.catalog = catalog
        self.definition = definition
        self.actions = actions
        self.sealer = sealer
        self.accountVault = accountVault
        self.clock = clock
        self.signal = WorkflowChangeSignal()
        self.expirySweep = ExpirySweepSchedule(interval: configuration.expirySweepInterval)
        self.configuration = configuration
        self.logger = logger
        self.telemetry = telemetry
        self.definitionVersion = DefinitionVersion.of(catalog: catalog, definition: definition)
    }

    /// The principal a request acts for: its credential (`Authorization: Bearer`) as ``Authenticator`` reads it, or
    /// its address under `--auth none`.
    /// - Throws: 401 `unauthorized` as `init` does.
    public func principal(bearerToken: String?, clientAddress: String?) async throws -> Principal {
        try await authenticator.principal(credential: bearerToken, clientAddress: clientAddress)
    }

    /// Runs a command.
    /// - Parameters:
    ///   - bearerToken: the value of the `Authorization: Bearer` header, if any: for `init` the principal's
    ///     credential (as the ``Authenticator`` wants it), for the other modes the workflow's token or the credential
    ///     of the principal that started the workflow.
    ///   - clientAddress: the client's address, the principal under `--auth none`.
    ///   - connectionID: the SHA-256 of the request's `baton_connection` cookie (the browser's connected accounts).
    /// - Throws: ``APIError`` for anything the client can act on; other errors come from the store.
    public func handle(
        _ command: DeployCommand, bearerToken: String?, clientAddress: String? = nil, connectionID: String? = nil
    ) async throws -> EngineResponse {
        switch command {
        case .initialize(let request):
            let principal = try await authenticator.principal(credential: bearerToken, clientAddress: clientAddress)
            try DeployPermissions.check(request.config, for: principal)
            let accounts = try await resolveAccounts(request, principal: principal, connectionID: connectionID)
            try await checkOpenWorkflows(of: principal)
            try await admit(principal)
            return .created(try await initialize(request, principal: principal, accounts: accounts))
        case .trigger(let reference):
            return .action(try await trigger(reference, token: bearerToken))
        case .status(let query):
            if let app = query.app, let action = query.action {
                let reference = ActionReference(workflowID: query.workflowID, app: app, action: action)
                return .action(try await status(of: reference, waitMs: query.waitMs, token: bearerToken))
            }
            return .workflow(try await workflowStatus(
                query.workflowID, waitMs: query.waitMs, includeHistory: query.includeHistory, token: bearerToken))
        case .cancel(let workflowID):
            return .workflow(try await cancel(workflowID, token: bearerToken))
        }
    }
}

/// What a command answered.
public enum EngineResponse: Sendable {
    /// A new workflow (`init`).
    case created(InitResponse)
    /// One action's status (`trigger`, `status` with an action).
    case action(ActionStatus)
    /// The whole workflow (`status` without an action, `cancel`).
    case workflow(WorkflowStatus)
}

/// Errors setting up a ``WorkflowEngine``.
public enum WorkflowEngineError: Error, Equatable, Sendable {
    /// The workflow definition cannot be planned (``WorkflowDefinition/problems``).
    case invalidDefinition([String])
    /// The workflow definition names actions with no implementation.
    case missingActions([String])
    /// Timeout settings name actions or phases the workflow definition does not have; `known` lists those it has.
    case unknownTimeoutSettings([String], known: [String])
}
