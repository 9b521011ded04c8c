public import BatonCore

extension ConfiguredStore {
    /// Runs the store's services, prepares the store (migrations, key check), runs `body` with it, and stops the
    /// services: for commands and tests that use a store outside a server.
    public func withPrepared<Value>(_ body: (any WorkflowStore) async throws -> Value) async throws -> Value {
        try await RunningServices.around(services) {
            try await prepare()
            return try await body(store)
        }
    }
}
