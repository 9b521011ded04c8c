import BatonCore
import BatonStores
import BatonTestSupport
import Foundation
import Logging
import PostgresNIO
import Testing

/// Databases written by the last version with schema v1 (one JSON document per workflow; commit b920e74), kept in
/// `Tests/Fixtures/schema-v1`, open with today's stores: the migration splits each workflow into its parts, and the
/// workflow reads, authorizes and goes on exactly where it was.
@Suite("Schema migrations")
struct SchemaMigrationTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/schema-v1")

    /// The whole-workflow status the old server answered just before it stopped (the fields that must not change).
    struct Expected: Decodable {
        struct App: Decodable { var id: String; var actions: [Action] }
        struct Action: Decodable, Equatable { var action: String; var state: ActionState; var attempt: Int; var sequence: Int }
        struct Transition: Decodable, Equatable { var app: String; var action: String; var from: ActionState; var to: ActionState }
        var workflowID: String
        var apps: [App]
        var history: [Transition]

        enum CodingKeys: String, CodingKey { case workflowID = "workflowId", apps, history }
    }

    struct Credentials: Decodable {
        var workflowID: String
        var token: String

        enum CodingKeys: String, CodingKey { case workflowID = "workflowId", token }
    }

    private static func load<Value: Decodable>(_ name: String, as type: Value.Type) throws -> Value {
        try JSONDecoder().decode(type, from: Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    @Test func anSQLiteDatabaseFromSchemaV1KeepsWorking() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baton-v1-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("baton.sqlite").path
        try FileManager.default.copyItem(atPath: Self.fixtures.appendingPathComponent("baton.sqlite").path, toPath: path)
        try await Self.checkMigrated(.sqlite(path: path), fixture: "baton.sqlite")
        try FileManager.default.removeItem(at: folder)
    }

    @Test(.enabled(if: TestStoreKind.available.contains(.postgres)))
    func aPostgreSQLDatabaseFromSchemaV1KeepsWorking() async throws {
        let url = try await TestStoreContext(kind: .postgres).location
        guard case .postgres(let databaseURL) = url else { return }
        // The old database: its tables and rows, statement by statement, as that version left them.
        let client = try PostgresWorkflowStore(url: databaseURL, logger: Logger(label: "test.fixture")).client
        let script = try String(contentsOf: Self.fixtures.appendingPathComponent("postgres.sql"), encoding: .utf8)
        try await RunningServices.around([client]) {
            for statement in script.split(separator: "\n") where !statement.hasPrefix("--") {
                try await client.query(PostgresQuery(unsafeSQL: String(statement)))
            }
        }
        try await Self.checkMigrated(url, fixture: "postgres")
    }

    /// Opens the store (migrating it), checks the workflow against what the old server answered, opens it a second
    /// time (nothing migrates twice), and goes on with the workflow.
    private static func checkMigrated(_ location: StoreLocation, fixture: String) async throws {
        let expected = try load("\(fixture).status.json", as: Expected.self)
        let credentials = try load("\(fixture).workflow.json", as: Credentials.self)
        let environment = ["BATON_SECRET_KEY": TestStoreContext.sharedKey]
        for opening in 1...2 {
            let configured = try ConfiguredStore.open(location, environment: environment, logger: Logger(label: "test.store"))
            try await configured.withPrepared { store in
                let record = try #require(try await store.fetch(id: expected.workflowID), "opening \(opening)")
                #expect(record.apps.map(\.id) == expected.apps.map(\.id))
                for (app, expectedApp) in zip(record.apps, expected.apps) {
                    let actions = app.actions.map { Expected.Action(action: $0.id, state: $0.state, attempt: $0.attempt, sequence: $0.sequence ?? 0) }
                    #expect(actions == expectedApp.actions, "opening \(opening): \(app.id)")
                }
                #expect(record.history.map { Expected.Transition(app: $0.app, action: $0.action, from: $0.from, to: $0.to) } == expected.history)
                // app-a's env values were applied (and erased); app-b's are still sealed, and open with the same key.
                let appB = try #require(try await store.fetch(id: expected.workflowID, app: "app-b"))
                #expect(appB.sealedEnv["app-a"] == nil)
                let sealed = try #require(appB.sealedEnv["app-b"])
                #expect(try configured.sealer.open(sealed, workflowID: expected.workflowID, appID: "app-b") == ["API_KEY": "k-123"])
                #expect(try await store.fetch(id: expected.workflowID, app: "app-a")?.sealedEnv.isEmpty == true)
            }
        }
        // The workflow goes on: its token still authorizes, and app-a's next action runs.
        let configured = try ConfiguredStore.open(location, environment: environment, logger: Logger(label: "test.store"))
        try await configured.withPrepared { store in
            let harness = try EngineHarness(store: store, sealer: configured.sealer)
            let workflow = InitResponse(workflowID: credentials.workflowID, token: credentials.token, definitionVersion: "", apps: [])
            let deployed = try await harness.trigger(workflow, "app-a", "deploy")
            #expect(deployed.state == .succeeded && deployed.attempt == 1)
            #expect(deployed.sequence == 2, "pending → running → succeeded, counted on from the stored sequence")
            let status = try await harness.workflowStatus(workflow, history: true)
            #expect(status.history?.count == expected.history.count + 2, "history appended after the migrated entries")
        }
    }
}
