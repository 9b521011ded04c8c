import AsyncHTTPClient
import BatonCore
import BatonKit
import BatonStores
import BatonTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging

/// A Baton server on a real loopback socket with scripted actions, and a JSON client for it.
struct LiveServer {
    let baton: Baton
    let store: any WorkflowStore
    let log: CallLog
    let logger: Logger

    init(
        _ behavior: ScriptedAction.Behavior = .instant,
        overrides: [String: ScriptedAction.Behavior] = [:],
        catalog: Catalog = .builtIn,
        store: any WorkflowStore = MemoryWorkflowStore(),
        budget: Duration = .seconds(8),
        authenticator: any Authenticator = OpenAccess(),
        initPace: CallPace? = WorkflowEngine.Configuration.defaultInitPace,
        maxOpenWorkflows: Int? = WorkflowEngine.Configuration.defaultMaxOpenWorkflows,
        telemetry: TelemetrySettings = .off,
        logger: Logger = Logger(label: "baton.test")
    ) throws {
        let log = CallLog()
        self.log = log
        self.store = store
        self.logger = logger
        let memory = MemoryWorkflowStore()
        self.baton = try Baton(
            BatonComponents(
                store: ConfiguredStore(store: store, pacer: memory, keys: memory, secrets: memory, sealer: .ephemeral()),
                catalog: catalog, actions: .scripted(behavior, overrides: overrides, log: log), authenticator: authenticator,
                configuration: .init(
                    requestBudget: budget, leaseGrace: .milliseconds(200), initPace: initPace, maxOpenWorkflows: maxOpenWorkflows),
                telemetry: telemetry
            ),
            logger: logger
        )
    }

    /// Serves the app on a free port and runs `body` with a client for it; then checks every exchange the client had
    /// against Baton's OpenAPI description (throwing ``APIContractViolation`` when one does not conform).
    func run<Value: Sendable>(_ body: @Sendable (JSONClient) async throws -> Value) async throws -> Value {
        let app = buildApplication(baton, port: 0, logger: logger)
        let recorder = APIExchangeRecorder()
        let value = try await app.test(.live) { client in
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            do {
                let value = try await body(JSONClient(http: http, baseURL: "http://127.0.0.1:\(client.port!)", recordingTo: recorder))
                try await http.shutdown()
                return value
            } catch {
                try await http.shutdown()
                throw error
            }
        }
        try await recorder.validate()
        return value
    }
}
