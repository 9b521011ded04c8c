import BatonCore
import BatonStores
import BatonTestSupport
import Foundation
import Testing

/// The cases every ``WorkflowStore`` must pass.
@Suite("Workflow store contract")
struct WorkflowStoreContractTests {
    private static func record(createdAt: Date = Fixtures.start) -> WorkflowRecord {
        var record = Fixtures.record()
        record.id = "wf_\(UUID().uuidString.lowercased())"
        record.createdAt = createdAt
        return record
    }

    @Test(arguments: TestStoreKind.available)
    func insertsFetchesAndRefusesDuplicates(kind: TestStoreKind) async throws {
        try await kind.withStore { store, _ in
        let record = Self.record()
        try await store.insert(record)
        let fetched = try #require(try await store.fetch(id: record.id))
        #expect(fetched.version == 1)
        #expect(fetched.apps == record.apps && fetched.config == record.config && fetched.sealedEnv == record.sealedEnv)
        await #expect(throws: WorkflowStoreError.duplicateID(record.id)) { try await store.insert(record) }
        #expect(try await store.fetch(id: "wf_missing") == nil)
        }
    }

    @Test(arguments: TestStoreKind.available)
    func updatesAreCompareAndSet(kind: TestStoreKind) async throws {
        try await kind.withStore { store, _ in
        let record = Self.record()
        try await store.insert(record)
        var current = try #require(try await store.fetch(id: record.id))
        current.canceled = true
        let stored = try #require(try await store.update(current))
        #expect(stored.version == 2 && stored.canceled)
        #expect(try await store.update(current) == nil, "a stale version loses")
        #expect(try await store.fetch(id: record.id)?.version == 2)
        #expect(try await store.fetch(id: record.id) == stored, "what is read back is what was written")
        }
    }

    @Test(arguments: TestStoreKind.available)
    func fiftyConcurrentUpdatesAtOneVersionHaveOneWinner(kind: TestStoreKind) async throws {
        try await kind.withStore { store, _ in
        let record = Self.record()
        try await store.insert(record)
        let base = try #require(try await store.fetch(id: record.id))
        let winners = try await withThrowingTaskGroup(of: Int?.self) { group in
            for writer in 0..<50 {
                group.addTask {
                    var candidate = base
                    candidate.apps[0].actions[0].message = "writer \(writer)"
                    return try await store.update(candidate) == nil ? nil : writer
                }
            }
            return try await group.reduce(into: [Int]()) { if let winner = $1 { $0.append(winner) } }
        }
        #expect(winners.count == 1)
        let final = try #require(try await store.fetch(id: record.id))
        #expect(final.version == 2 && final.apps[0].actions[0].message == "writer \(winners[0])")
        }
    }

    @Test(arguments: TestStoreKind.available)
    func deletesWorkflowsCreatedBeforeADate(kind: TestStoreKind) async throws {
        try await kind.withStore { store, _ in
        let longAgo = Date(timeIntervalSince1970: 600_000_000)
        let old = Self.record(createdAt: longAgo)
        let fresh = Self.record(createdAt: longAgo.addingTimeInterval(3600))
        try await store.insert(old)
        try await store.insert(fresh)
        #expect(try await store.deleteWorkflows(createdBefore: longAgo.addingTimeInterval(60)) >= 1)
        #expect(try await store.fetch(id: old.id) == nil)
        #expect(try await store.fetch(id: fresh.id) != nil)
        _ = try await store.deleteWorkflows(createdBefore: longAgo.addingTimeInterval(7200))
        }
    }

    @Test(arguments: TestStoreKind.available)
    func concurrentTriggersOfOneActionStartItOnce(kind: TestStoreKind) async throws {
        try await kind.withStore { store, _ in
            let harness = try EngineHarness(.slowStart(.milliseconds(50)), store: store)
            let workflow = try await harness.initialize()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<20 {
                    group.addTask { _ = try await harness.trigger(workflow, "app-c", "fork-repository") }
                }
                try await group.waitForAll()
            }
            let key = harness.key(workflow, "app-c", "fork-repository")
            #expect(harness.log.count(.start, key) == 1)
            #expect(try await harness.status(workflow, "app-c", "fork-repository").state == .succeeded)
        }
    }
}
