import BatonCore
import BatonStores
import Foundation
import Logging
import Testing

extension TestStoreKind {
    /// Opens a fresh store of this kind and runs `body` with its sealed secrets (as the server gets them).
    func withSecrets<Value: Sendable>(_ body: @Sendable (any SealedSecretStore) async throws -> Value) async throws -> Value {
        let context = try await TestStoreContext(kind: self)
        let configured = try ConfiguredStore.open(context.location, environment: ["BATON_SECRET_KEY": context.secretKey], logger: Logger(label: "test.store"))
        return try await configured.withPrepared { _ in try await body(configured.secrets) }
    }
}

/// The cases every ``SealedSecretStore`` must pass.
@Suite("Sealed secret store contract")
struct SealedSecretStoreContractTests {
    private static func secret(
        _ id: String, kind: String = "workflow-accounts", version: Int = 1, sealed: Data = Data("sealed".utf8),
        leaseUntil: Date? = nil, at seconds: Double = 0
    ) -> SealedSecret {
        SealedSecret(
            kind: kind, id: id, principal: "key:ci", sealed: sealed, version: version, leaseUntil: leaseUntil,
            updatedAt: Fixtures.start.addingTimeInterval(seconds))
    }

    /// Inserts `secret`, which must not be stored yet. (Every test body starts with a `try` outside `#expect`: with
    /// only the `try`s inside `#expect`, Swift 6.3 rejects the closure as not throwing.)
    private static func insert(_ secret: SealedSecret, into secrets: any SealedSecretStore) async throws {
        let inserted = try await secrets.putSecret(secret, expectedVersion: nil)
        try #require(inserted, "inserting \(secret.kind)/\(secret.id)")
    }

    /// Whether `stored` is `expected`, with its dates to the millisecond (SQLite keeps seconds as a double, PostgreSQL
    /// microseconds).
    private static func matches(_ stored: SealedSecret?, _ expected: SealedSecret) -> Bool {
        guard let stored else { return false }
        func same(_ a: Date?, _ b: Date?) -> Bool {
            switch (a, b) {
            case (nil, nil): true
            case (let a?, let b?): abs(a.timeIntervalSince(b)) < 0.001
            default: false
            }
        }
        return stored.kind == expected.kind && stored.id == expected.id && stored.principal == expected.principal
            && stored.sealed == expected.sealed && stored.version == expected.version
            && same(stored.leaseUntil, expected.leaseUntil) && same(stored.updatedAt, expected.updatedAt)
    }

    @Test(arguments: TestStoreKind.available)
    func anInsertedSecretReadsBackWithEveryField(kind: TestStoreKind) async throws {
        try await kind.withSecrets { secrets in
            // Every byte value, zeros included, and more than a page's worth.
            let bytes = Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
            let leased = Self.secret(
                "wf_1", sealed: bytes, leaseUntil: Fixtures.start.addingTimeInterval(30.25), at: 12.345)
            let unleased = Self.secret("sha256-abc", kind: "connection", version: 3, at: -0.5)
            try await Self.insert(leased, into: secrets)
            try await Self.insert(unleased, into: secrets)
            #expect(Self.matches(try await secrets.secret(kind: "workflow-accounts", id: "wf_1"), leased))
            #expect(Self.matches(try await secrets.secret(kind: "connection", id: "sha256-abc"), unleased), "the version as given")
            #expect(try await secrets.secret(kind: "workflow-accounts", id: "wf_2") == nil)
        }
    }

    @Test(arguments: TestStoreKind.available)
    func anInsertOverAStoredSecretIsRefusedAndChangesNothing(kind: TestStoreKind) async throws {
        try await kind.withSecrets { secrets in
            let first = Self.secret("wf_1", sealed: Data("first".utf8))
            try await Self.insert(first, into: secrets)
            let second = Self.secret("wf_1", sealed: Data("second".utf8), leaseUntil: Fixtures.start, at: 5)
            #expect(try await secrets.putSecret(second, expectedVersion: nil) == false)
            #expect(Self.matches(try await secrets.secret(kind: "workflow-accounts", id: "wf_1"), first))
        }
    }

    @Test(arguments: TestStoreKind.available)
    func aReplacementHoldsOnlyAtTheStoredVersion(kind: TestStoreKind) async throws {
        try await kind.withSecrets { secrets in
            let first = Self.secret("wf_1", sealed: Data("first".utf8), leaseUntil: Fixtures.start.addingTimeInterval(10))
            try await Self.insert(first, into: secrets)

            // At the stored version: written, with its version, and the lease let go.
            let second = Self.secret("wf_1", version: 2, sealed: Data("second".utf8), at: 5)
            #expect(try await secrets.putSecret(second, expectedVersion: 1))
            #expect(Self.matches(try await secrets.secret(kind: "workflow-accounts", id: "wf_1"), second))

            // At a stale version: refused, nothing changed.
            let stale = Self.secret("wf_1", version: 2, sealed: Data("stale".utf8), at: 6)
            #expect(try await secrets.putSecret(stale, expectedVersion: 1) == false)
            #expect(Self.matches(try await secrets.secret(kind: "workflow-accounts", id: "wf_1"), second))

            // A replacement of a secret that is not stored writes nothing.
            #expect(try await secrets.putSecret(Self.secret("wf_2", version: 2), expectedVersion: 1) == false)
            #expect(try await secrets.secret(kind: "workflow-accounts", id: "wf_2") == nil)
        }
    }

    @Test(arguments: TestStoreKind.available)
    func ofConcurrentReplacementsFromOneVersionExactlyOneWins(kind: TestStoreKind) async throws {
        try await kind.withSecrets { secrets in
            try await Self.insert(Self.secret("wf_1"), into: secrets)
            for round in 1...5 {
                let wins = try await withThrowingTaskGroup(of: Data?.self) { group in
                    for contender in 0..<2 {
                        let sealed = Data("round \(round), contender \(contender)".utf8)
                        group.addTask {
                            let won = try await secrets.putSecret(
                                Self.secret("wf_1", version: round + 1, sealed: sealed, at: Double(round)), expectedVersion: round)
                            return won ? sealed : nil
                        }
                    }
                    return try await group.reduce(into: [Data]()) { wins, won in if let won { wins.append(won) } }
                }
                try #require(wins.count == 1, "round \(round)")
                let stored = try await secrets.secret(kind: "workflow-accounts", id: "wf_1")
                #expect(stored?.version == round + 1 && stored?.sealed == wins[0], "round \(round): the winner's value")
            }
        }
    }

    @Test(arguments: TestStoreKind.available)
    func aDeletedSecretIsGoneAndDeletingAMissingOneIsFine(kind: TestStoreKind) async throws {
        try await kind.withSecrets { secrets in
            try await Self.insert(Self.secret("wf_1"), into: secrets)
            try await Self.insert(Self.secret("wf_1", kind: "connection"), into: secrets)
            try await secrets.deleteSecret(kind: "workflow-accounts", id: "wf_1")
            #expect(try await secrets.secret(kind: "workflow-accounts", id: "wf_1") == nil)
            #expect(try await secrets.secret(kind: "connection", id: "wf_1") != nil, "the other kind's keeps")
            try await secrets.deleteSecret(kind: "workflow-accounts", id: "wf_1")
            try await secrets.deleteSecret(kind: "workflow-accounts", id: "never")
            // Deleted, it can be inserted anew.
            try await Self.insert(Self.secret("wf_1", sealed: Data("again".utf8)), into: secrets)
        }
    }

    @Test(arguments: TestStoreKind.available)
    func expiryDeletesOnlyTheOlderSecretsOfItsKind(kind: TestStoreKind) async throws {
        try await kind.withSecrets { secrets in
            for (id, seconds) in [("old-1", -100.0), ("old-2", -0.5), ("at-cut-off", 0), ("new", 5)] {
                try await Self.insert(Self.secret(id, kind: "connection", at: seconds), into: secrets)
            }
            try await Self.insert(Self.secret("old-other", at: -100), into: secrets)

            #expect(try await secrets.deleteSecrets(kind: "connection", updatedBefore: Fixtures.start) == 2)
            for (id, kept) in [("old-1", false), ("old-2", false), ("at-cut-off", true), ("new", true)] {
                #expect((try await secrets.secret(kind: "connection", id: id) != nil) == kept, "\(id)")
            }
            #expect(try await secrets.secret(kind: "workflow-accounts", id: "old-other") != nil, "another kind's are kept")
            #expect(try await secrets.deleteSecrets(kind: "connection", updatedBefore: Fixtures.start) == 0)
            #expect(try await secrets.deleteSecrets(kind: "nothing-stored", updatedBefore: Fixtures.start) == 0)
        }
    }

    @Test(arguments: TestStoreKind.available)
    func aSecretIsSeenOnlyUnderItsOwnKind(kind: TestStoreKind) async throws {
        try await kind.withSecrets { secrets in
            let accounts = Self.secret("shared-id", sealed: Data("accounts".utf8))
            try await Self.insert(accounts, into: secrets)
            #expect(try await secrets.secret(kind: "connection", id: "shared-id") == nil)
            #expect(try await secrets.putSecret(Self.secret("shared-id", kind: "connection", version: 2), expectedVersion: 1) == false,
                    "a replacement under another kind finds nothing")

            let connection = Self.secret("shared-id", kind: "connection", sealed: Data("connection".utf8))
            try await Self.insert(connection, into: secrets)  // the same id under another kind is another secret
            #expect(Self.matches(try await secrets.secret(kind: "workflow-accounts", id: "shared-id"), accounts))
            #expect(Self.matches(try await secrets.secret(kind: "connection", id: "shared-id"), connection))
        }
    }
}
