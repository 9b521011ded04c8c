import BatonCore
import BatonStores
import Foundation
import PostgresNIO
import Testing

@Suite("Secrets at rest")
struct SecretsAtRestTests {
    static let secret = "postgres://user:plaintext-canary-7731@db/app"

    @Test(arguments: TestStoreKind.available.filter { $0 != .memory })
    func storedWorkflowsHoldNoPlaintextEnvValue(kind: TestStoreKind) async throws {
        try await kind.withStore { store, context in
            let harness = try EngineHarness(store: store)
            let workflow = try await harness.initialize(envVars: ["app-a": ["DATABASE_URL": Self.secret]])
            let stored = try #require(try await store.fetch(id: workflow.workflowID))
            #expect(stored.sealedEnv["app-a"] != nil, "the values are kept, sealed, until configure-env applies them")
            switch kind {
            case .sqlite:
                let path = try #require(context.sqlitePath)
                var bytes = Data()
                for file in [path, path + "-wal"] {
                    bytes.append((try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data())
                }
                #expect(bytes.count > 1000, "the database files were read")
                #expect(bytes.range(of: Data(workflow.workflowID.utf8)) != nil, "the workflow is in the files")
                #expect(bytes.range(of: Data("plaintext-canary-7731".utf8)) == nil)
                #expect(bytes.range(of: Data(workflow.token.utf8)) == nil)
            case .postgres:
                let rows = try await PostgresRows.documents(of: workflow.workflowID, context: context)
                #expect(rows.count >= 5, "the workflow's document, three apps' documents and app-a's sealed values")
                #expect(rows.allSatisfy { !$0.contains("plaintext-canary-7731") && !$0.contains(workflow.token) })
            case .memory:
                break
            }
        }
    }

    @Test func aWrongKeyIsRefusedAtStart() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("baton-key-\(UUID().uuidString)/baton.sqlite").path
        let store = try SQLiteWorkflowStore(path: path)
        try await SecretKeySource.verify(try SecretKeySource.sealer(for: .sqlite(path: path), environment: [:]), against: store)
        let keyFile = try String(contentsOfFile: path + ".key", encoding: .utf8)
        let attributes = try FileManager.default.attributesOfItem(atPath: path + ".key")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let sameAgain = try SecretKeySource.sealer(for: .sqlite(path: path), environment: [:])
        try await SecretKeySource.verify(sameAgain, against: store)
        let other = try SecretKeySource.sealer(for: .sqlite(path: path), environment: ["BATON_SECRET_KEY": SecretKeySource.generateKey()])
        await #expect(throws: SecretKeyError.self) { try await SecretKeySource.verify(other, against: store) }
        #expect(!keyFile.isEmpty)
    }

    @Test func missingOrMalformedKeysAreExplained() {
        #expect(throws: SecretKeyError.self) { try SecretKeySource.sealer(for: .postgres(url: "postgres://a@b/c"), environment: [:]) }
        #expect(throws: SecretKeyError.self) { try SecretKeySource.sealer(for: .memory, environment: ["BATON_SECRET_KEY": "short"]) }
        #expect(throws: Never.self) { try SecretKeySource.sealer(for: .memory, environment: ["BATON_SECRET_KEY": SecretKeySource.generateKey()]) }
    }
}
