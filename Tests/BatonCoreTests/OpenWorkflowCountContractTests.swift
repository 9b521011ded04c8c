import BatonCore
import Foundation
import Testing

/// The count behind `baton_workflows_open`, on every store: open workflows of every principal, not canceled, with an
/// app not yet succeeded, created at or after the date asked about.
@Suite("Open workflow count contract")
struct OpenWorkflowCountContractTests {
    @Test(arguments: TestStoreKind.available)
    func countsOpenWorkflowsOfEveryPrincipal(kind: TestStoreKind) async throws {
        try await kind.withStore { store, _ in
            func insert(_ principal: String, at seconds: Double) async throws -> WorkflowRecord {
                try await Fixtures.insertRecord(into: store, principal: principal, at: seconds)
            }
            #expect(try await store.openWorkflowCount(createdSince: Fixtures.start) == 0)
            _ = try await insert("key:ci", at: -100)  // older than the window asked about
            let first = try await insert("key:ci", at: 1)
            let second = try await insert("ip:127.0.0.1", at: 2)
            _ = try await insert("key:other", at: 3)
            #expect(try await store.openWorkflowCount(createdSince: Fixtures.start) == 3)
            #expect(try await store.openWorkflowCount(createdSince: Fixtures.start.addingTimeInterval(-200)) == 4)

            var canceled = try #require(try await store.fetch(id: first.id, includeHistory: false))
            let read = canceled
            canceled.canceled = true
            #expect(try await store.write(try #require(WorkflowWrite(from: read, to: canceled))) != nil)
            #expect(try await store.openWorkflowCount(createdSince: Fixtures.start) == 2)

            for app in second.apps.map(\.id) {
                let read = try #require(try await store.fetch(id: second.id, app: app))
                var done = read
                for index in done.apps[0].actions.indices { done.apps[0].actions[index].state = .succeeded }
                #expect(try await store.write(try #require(WorkflowWrite(from: read, to: done))) != nil)
            }
            #expect(try await store.openWorkflowCount(createdSince: Fixtures.start) == 1, "every app of the second succeeded")
            #expect(try await store.openWorkflowCount(principal: "key:other", createdSince: Fixtures.start) == 1)
        }
    }
}
