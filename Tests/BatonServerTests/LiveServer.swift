import AsyncHTTPClient
import BatonCore
import BatonServer
import BatonTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging

/// A Baton server on a real loopback socket with scripted actions, and a JSON client for it.
struct LiveServer {
    let engine: WorkflowEngine
    let store: any WorkflowStore
    let log: CallLog
    let catalog: Catalog
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
        logger: Logger = Logger(label: "baton.test")
    ) throws {
        let log = CallLog()
        self.log = log
        self.store = store
        self.catalog = catalog
        self.logger = logger
        self.engine = try WorkflowEngine(
            store: store, authenticator: authenticator, catalog: catalog, actions: .scripted(behavior, overrides: overrides, log: log),
            sealer: .ephemeral(), configuration: .init(
                requestBudget: budget, leaseGrace: .milliseconds(200), initPace: initPace, maxOpenWorkflows: maxOpenWorkflows),
            logger: logger
        )
    }

    /// Serves the app on a free port and runs `body` with a client for it.
    func run<Value: Sendable>(_ body: @Sendable (JSONClient) async throws -> Value) async throws -> Value {
        let app = BatonApplication.build(
            configuration: BatonServerConfiguration(host: "127.0.0.1", port: 0), engine: engine, catalog: catalog, logger: logger
        )
        return try await app.test(.live) { client in
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            do {
                let value = try await body(JSONClient(http: http, baseURL: "http://127.0.0.1:\(client.port!)"))
                try await http.shutdown()
                return value
            } catch {
                try await http.shutdown()
                throw error
            }
        }
    }
}
