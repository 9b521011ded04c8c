import ArgumentParser
import BatonCore
import BatonStores
import Foundation
import Logging
import ServiceLifecycle

/// `baton gc`: deletes workflows older than the TTL now (servers also do it, amortized inside `init` requests).
struct GCCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Delete workflows older than --workflow-ttl."
    )

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let location = try storeOptions.location(environment: environment)
        let configured = try ConfiguredStore.open(location, environment: environment, logger: Logger(label: "baton.gc"))
        let cutoff = Date().addingTimeInterval(-storeOptions.workflowTtl.duration.seconds)
        let deleted = try await withThrowingTaskGroup(of: Int?.self) { group in
            for service in configured.services {
                group.addTask { try await service.run(); return nil }
            }
            try await configured.prepare()
            let deleted = try await configured.store.deleteWorkflows(createdBefore: cutoff)
            // Their users' account tokens go with them, and connections unused for longer than a connection lives.
            let vault = AccountVault(secrets: configured.secrets, sealer: configured.sealer, providers: [], clock: SystemClock())
            _ = try await vault.deleteExpired(
                workflowsCreatedBefore: cutoff, connectionsUnusedSince: Date().addingTimeInterval(-AccountConnection.lifetime)
            )
            group.cancelAll()
            return deleted
        }
        print("Deleted \(deleted) workflow\(deleted == 1 ? "" : "s") created before \(BatonJSON.formatTimestamp(cutoff)) from \(location), with their account tokens.")
    }
}
