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
}
