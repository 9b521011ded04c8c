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

    /// `record` with one action's message changed, as a step would change it, and one history entry appended.
    private static func changed(_ record: WorkflowRecord, app: Int, message: String) -> WorkflowWrite? {
        var changed = record
        changed.apps[app].actions[0].message = message
        changed.history.append(HistoryEntry(
            at: Fixtures.start, app: record.apps[app].id, action: record.apps[app].actions[0].id, from: .pending, to: .running,
            attempt: 1, message: message
        ))
        return WorkflowWrite(from: record, to: changed)
    }

    @Test(arguments: TestStoreKind.available)
    func insertsFetchesAndRefusesDuplicates(kind: TestStoreKind) async throws {
        try await kind.withStore { store, _ in
        let record = Self.record()
        try await store.insert(record)
        let fetched = try #require(try await store.fetch(id: record.id))
        #expect(fetched.version == 1 && fetched.apps.allSatisfy { $0.version == 1 })
        #expect(fetched.apps.map(\.actions) == record.apps.map(\.actions) && fetched.config == record.config)
        #expect(fetched.sealedEnv == record.sealedEnv)
        let appView = try #require(try await store.fetch(id: record.id, app: "app-a"))
        #expect(appView.apps.map(\.id) == ["app-a"] && appView.sealedEnv == ["app-a": record.sealedEnv["app-a"]!])
        #expect(appView.history.isEmpty && appView.config == record.config && appView.tokenHash == record.tokenHash)
        #expect(try await store.fetch(id: record.id, app: "app-z")?.apps == [], "an unknown app: the workflow, no app")
        await #expect(throws: WorkflowStoreError.duplicateID(record.id)) { try await store.insert(record) }
        #expect(try await store.fetch(id: "wf_missing") == nil)
        #expect(try await store.fetch(id: "wf_missing", app: "app-a") == nil)
        }
    }

    @Test(arguments: TestStoreKind.available)
    func writesAreCompareAndSetPerApp(kind: TestStoreKind) async throws {
        try await kind.withStore { store, _ in
        let record = Self.record()
        try await store.insert(record)
        let read = try #require(try await store.fetch(id: record.id, includeHistory: false))
        let first = try #require(Self.changed(read, app: 0, message: "first"))
        let stored = try #require(try await store.write(first))
        #expect(stored.apps[0].version == 2 && stored.apps[1].version == 1 && stored.version == 1)
        #expect(try await store.write(first) == nil, "a stale version of app-a loses")
        let other = try #require(Self.changed(read, app: 1, message: "other app"))
        #expect(try await store.write(other) != nil, "a write of app-b from the same read does not conflict")
        let final = try #require(try await store.fetch(id: record.id))
        #expect(final.apps.map(\.version) == [2, 2] && final.version == 1)
        #expect(final.apps.map { $0.actions[0].message } == ["first", "other app"])
        #expect(final.history.map(\.message) == ["first", "other app"], "history is appended, in order")
        let appView = try #require(try await store.fetch(id: record.id, app: "app-a"))
        #expect(appView.apps == [stored.apps[0]], "what is read back is what was written")
        }
    }

    @Test(arguments: TestStoreKind.available)
    func cancelConflictsWithEveryAppsStepInFlight(kind: TestStoreKind) async throws {
        try await kind.withStore { store, _ in
        let record = Self.record()
        try await store.insert(record)
        // A step read app-b before the cancel and writes after it: it must lose, or an action would start in a
        // canceled workflow.
        let stepRead = try #require(try await store.fetch(id: record.id, app: "app-b"))
        let whole = try #require(try await store.fetch(id: record.id, includeHistory: false))
        var canceled = whole
        canceled.cancel(now: Fixtures.start.addingTimeInterval(1))
        let cancel = try #require(WorkflowWrite(from: whole, to: canceled))
        #expect(cancel.writesWorkflowFields && cancel.apps.count == 2)
        let stored = try #require(try await store.write(cancel))
        #expect(stored.canceled && stored.version == 2)
        #expect(try await store.write(try #require(Self.changed(stepRead, app: 0, message: "late step"))) == nil)
        #expect(try await store.fetch(id: record.id, app: "app-b")?.canceled == true)

        // And the other way round: a step written first makes a cancel that read before it lose.
        let second = Self.record()
        try await store.insert(second)
        let beforeStep = try #require(try await store.fetch(id: second.id, includeHistory: false))
        let stepView = try #require(try await store.fetch(id: second.id, app: "app-a"))
        #expect(try await store.write(try #require(Self.changed(stepView, app: 0, message: "step"))) != nil)
        var lateCancel = beforeStep
        lateCancel.cancel(now: Fixtures.start.addingTimeInterval(1))
        #expect(try await store.write(try #require(WorkflowWrite(from: beforeStep, to: lateCancel))) == nil)
        let after = try #require(try await store.fetch(id: second.id))
        #expect(!after.canceled && after.apps[0].actions[0].message == "step", "the lost cancel wrote nothing")
        }
    }

    @Test(arguments: TestStoreKind.available)
    func fiftyConcurrentWritesOfOneAppHaveOneWinner(kind: TestStoreKind) async throws {
        try await kind.withStore { store, _ in
        let record = Self.record()
        try await store.insert(record)
        let base = try #require(try await store.fetch(id: record.id, app: "app-a"))
        let winners = try await withThrowingTaskGroup(of: Int?.self) { group in
            for writer in 0..<50 {
                group.addTask {
                    try await store.write(try #require(Self.changed(base, app: 0, message: "writer \(writer)"))) == nil ? nil : writer
                }
            }
            return try await group.reduce(into: [Int]()) { if let winner = $1 { $0.append(winner) } }
        }
        #expect(winners.count == 1)
        let final = try #require(try await store.fetch(id: record.id))
        #expect(final.apps[0].version == 2 && final.apps[0].actions[0].message == "writer \(winners[0])")
        #expect(final.history.count == 1, "the losers appended nothing")
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
        #expect(try await store.fetch(id: old.id, app: "app-a") == nil, "its apps went with it")
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
