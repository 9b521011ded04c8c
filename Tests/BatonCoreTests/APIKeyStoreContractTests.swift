import BatonCore
import BatonStores
import Foundation
import Logging
import Testing

extension TestStoreKind {
    /// Opens a fresh store of this kind and runs `body` with its API keys and its workflows.
    func withKeys<Value: Sendable>(_ body: @Sendable (any APIKeyStore, any WorkflowStore) async throws -> Value) async throws -> Value {
        let context = try await TestStoreContext(kind: self)
        let configured = try ConfiguredStore.open(context.location, environment: ["BATON_SECRET_KEY": context.secretKey], logger: Logger(label: "test.store"))
        return try await configured.withPrepared { store in try await body(configured.keys, store) }
    }
}

/// The cases every ``APIKeyStore`` must pass, and the principal a workflow records, on every store.
@Suite("API key store contract")
struct APIKeyStoreContractTests {
    private static func key(_ name: String, at seconds: Double, owners: [String]? = nil) -> (key: String, record: APIKeyRecord) {
        let key = SecretIdentifiers.newAPIKey()
        return (key, APIKeyRecord(
            name: name, keyHash: SecretIdentifiers.tokenHash(key), allowedOwners: owners, allowedTeams: ["team_1"],
            createdAt: Fixtures.start.addingTimeInterval(seconds)))
    }

    @Test(arguments: TestStoreKind.available)
    func keysAreFoundByTheirHashListedAndRevokedOnce(kind: TestStoreKind) async throws {
        try await kind.withKeys { keys, _ in
            let second = Self.key("second", at: 2, owners: ["acme", "globex"])
            let first = Self.key("first", at: 1)
            try await keys.insertKey(second.record)
            try await keys.insertKey(first.record)
            await #expect(throws: APIKeyStoreError.nameTaken("first")) {
                try await keys.insertKey(Self.key("first", at: 3).record)
            }
            #expect(try await keys.key(hash: SecretIdentifiers.tokenHash(second.key)) == second.record)
            #expect(try await keys.key(hash: SecretIdentifiers.tokenHash(SecretIdentifiers.newAPIKey())) == nil)
            #expect(try await keys.allKeys().map(\.name) == ["first", "second"])

            let revokedAt = Fixtures.start.addingTimeInterval(60)
            #expect(try await keys.revokeKey(named: "second", at: revokedAt))
            #expect(try await keys.revokeKey(named: "second", at: revokedAt.addingTimeInterval(60)), "a second revocation is fine")
            #expect(try await keys.revokeKey(named: "nobody", at: revokedAt) == false)
            let revoked = try #require(try await keys.key(hash: SecretIdentifiers.tokenHash(second.key)))
            #expect(revoked.revokedAt == revokedAt, "the first revocation stays")
            #expect(revoked.allowedOwners == ["acme", "globex"] && revoked.allowedTeams == ["team_1"])
            #expect(try await keys.key(hash: SecretIdentifiers.tokenHash(first.key))?.revokedAt == nil)
        }
    }

    @Test(arguments: TestStoreKind.available)
    func aWorkflowKeepsItsPrincipal(kind: TestStoreKind) async throws {
        try await kind.withKeys { _, store in
            var record = Fixtures.record()
            record.id = "wf_\(UUID().uuidString.lowercased())"
            record.principal = "key:ci"
            try await store.insert(record)
            #expect(try await store.fetch(id: record.id)?.principal == "key:ci")
            #expect(try await store.fetch(id: record.id, app: "app-a")?.principal == "key:ci")
        }
    }

    @Test(arguments: TestStoreKind.available)
    func aPrincipalsWorkflowsAreListedNewestFirstAndItsOpenOnesCounted(kind: TestStoreKind) async throws {
        try await kind.withKeys { _, store in
            func insert(_ principal: String, at seconds: Double) async throws -> String {
                try await Fixtures.insertRecord(into: store, principal: principal, at: seconds).id
            }
            _ = try await insert("key:ci", at: -100)  // older than the window asked about
            var mine: [String] = []
            for second in 1...4 { mine.append(try await insert("key:ci", at: Double(second))) }
            _ = try await insert("key:other", at: 5)

            #expect(try await store.workflowIDs(principal: "key:ci", createdSince: Fixtures.start, limit: 10) == mine.reversed())
            #expect(try await store.workflowIDs(principal: "key:ci", createdSince: Fixtures.start, limit: 2) == [mine[3], mine[2]])
            #expect(try await store.workflowIDs(principal: "key:nobody", createdSince: Fixtures.start, limit: 10).isEmpty)
            #expect(try await store.openWorkflowCount(principal: "key:ci", createdSince: Fixtures.start) == 4)

            // Canceled: no longer open.
            let whole = try #require(try await store.fetch(id: mine[0], includeHistory: false))
            var canceled = whole
            canceled.canceled = true
            #expect(try await store.write(try #require(WorkflowWrite(from: whole, to: canceled))) != nil)
            #expect(try await store.openWorkflowCount(principal: "key:ci", createdSince: Fixtures.start) == 3)

            // Every action of every app succeeded, written app by app as steps write: open until the last app.
            for (position, app) in ["app-a", "app-b"].enumerated() {
                let read = try #require(try await store.fetch(id: mine[1], app: app))
                var done = read
                for index in done.apps[0].actions.indices { done.apps[0].actions[index].state = .succeeded }
                #expect(try await store.write(try #require(WorkflowWrite(from: read, to: done))) != nil)
                let expected = position == 0 ? 3 : 2
                #expect(try await store.openWorkflowCount(principal: "key:ci", createdSince: Fixtures.start) == expected, "after \(app)")
            }
            #expect(try await store.openWorkflowCount(principal: "key:other", createdSince: Fixtures.start) == 1)
        }
    }
}
