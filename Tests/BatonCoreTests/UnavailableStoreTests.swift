import BatonCore
import BatonStores
import Foundation
import Testing

@Suite("Store failures")
struct UnavailableStoreTests {
    /// A store whose database has gone away.
    struct BrokenStore: WorkflowStore {
        struct DriverError: Error {}
        func insert(_ record: WorkflowRecord) async throws { throw DriverError() }
        func fetch(id: String, includeHistory: Bool) async throws -> WorkflowRecord? { throw DriverError() }
        func fetch(id: String, app: String) async throws -> WorkflowRecord? { throw DriverError() }
        func write(_ write: WorkflowWrite) async throws -> WorkflowRecord? { throw DriverError() }
        func deleteWorkflows(createdBefore date: Date) async throws -> Int { throw DriverError() }
        func workflowIDs(principal: String, createdSince date: Date, limit: Int) async throws -> [String] { throw DriverError() }
        func openWorkflowCount(principal: String, createdSince date: Date) async throws -> Int { throw DriverError() }
        func openWorkflowCount(createdSince date: Date) async throws -> Int { throw DriverError() }
    }

    @Test func driverErrorsBecomeUnavailable() async throws {
        let store = UnavailableOnFailureStore(base: BrokenStore())
        let error = await #expect(throws: WorkflowStoreError.self) { _ = try await store.fetch(id: "wf_1") }
        guard case .unavailable(let reason) = error else {
            Issue.record("expected unavailable, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("DriverError"))
        await #expect(throws: WorkflowStoreError.duplicateID("wf_1")) {
            try await UnavailableOnFailureStore(base: DuplicateStore()).insert(Fixtures.record())
        }
    }

    /// A secret store whose database has gone away.
    struct BrokenSecretStore: SealedSecretStore {
        func secret(kind: String, id: String) async throws -> SealedSecret? { throw BrokenStore.DriverError() }
        func putSecret(_ secret: SealedSecret, expectedVersion: Int?) async throws -> Bool { throw BrokenStore.DriverError() }
        func deleteSecret(kind: String, id: String) async throws { throw BrokenStore.DriverError() }
        func deleteSecrets(kind: String, updatedBefore date: Date) async throws -> Int { throw BrokenStore.DriverError() }
    }

    @Test func secretStoreDriverErrorsBecomeUnavailable() async throws {
        let secrets = UnavailableOnFailureSecretStore(base: BrokenSecretStore())
        let error = await #expect(throws: WorkflowStoreError.self) { _ = try await secrets.secret(kind: "connection", id: "c1") }
        guard case .unavailable(let reason) = error else {
            Issue.record("expected unavailable, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("DriverError"))
    }

    struct DuplicateStore: WorkflowStore {
        func insert(_ record: WorkflowRecord) async throws { throw WorkflowStoreError.duplicateID("wf_1") }
        func fetch(id: String, includeHistory: Bool) async throws -> WorkflowRecord? { nil }
        func fetch(id: String, app: String) async throws -> WorkflowRecord? { nil }
        func write(_ write: WorkflowWrite) async throws -> WorkflowRecord? { nil }
        func deleteWorkflows(createdBefore date: Date) async throws -> Int { 0 }
        func workflowIDs(principal: String, createdSince date: Date, limit: Int) async throws -> [String] { [] }
        func openWorkflowCount(principal: String, createdSince date: Date) async throws -> Int { 0 }
        func openWorkflowCount(createdSince date: Date) async throws -> Int { 0 }
    }
}
