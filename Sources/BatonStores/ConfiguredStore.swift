public import BatonCore
public import Logging
public import ServiceLifecycle

/// A store ready to be served: the store, the long-lived services it needs running, and the preparation
/// (migrations, key check) to run once those services run and before the first request.
public struct ConfiguredStore: Sendable {
    /// The store.
    public let store: any WorkflowStore
    /// Call slots kept with the store, shared by every instance on it.
    public let pacer: any CallPacer
    /// API keys kept with the store (`--auth api-key`), shared by every instance on it.
    public let keys: any APIKeyStore
    /// Sealed secrets kept with the store (provider tokens, account connections), shared by every instance on it.
    public let secrets: any SealedSecretStore
    /// The sealer for env values, with the store's key.
    public let sealer: EnvSealer
    /// Services to run alongside the server (the PostgreSQL client).
    public let services: [any Service]
    /// Runs migrations and checks the secret key; call once the services run.
    public let prepare: @Sendable () async throws -> Void

    /// A store made of parts: a host's own ``WorkflowStore`` implementation, say.
    /// - Parameters:
    ///   - services: services to run alongside the server (a database client).
    ///   - prepare: runs once the services run and before the first request (migrations, a key check).
    public init(
        store: any WorkflowStore, pacer: any CallPacer, keys: any APIKeyStore, secrets: any SealedSecretStore, sealer: EnvSealer,
        services: [any Service] = [], prepare: @escaping @Sendable () async throws -> Void = {}
    ) {
        self.store = store
        self.pacer = pacer
        self.keys = keys
        self.secrets = secrets
        self.sealer = sealer
        self.services = services
        self.prepare = prepare
    }

    /// A store in this process's memory, gone when it stops: for tests, demos and a single instance.
    /// - Parameter sealer: seals env values and tokens; a random key of this process's own by default.
    public static func memory(sealer: EnvSealer = .ephemeral()) -> ConfiguredStore {
        let store = MemoryWorkflowStore()
        return ConfiguredStore(store: store, pacer: store, keys: store, secrets: store, sealer: sealer)
    }

    /// Opens the store at `location` with the key from `environment` (see ``SecretKeySource``).
    public static func open(_ location: StoreLocation, environment: [String: String], logger: Logger) throws -> ConfiguredStore {
        let sealer = try SecretKeySource.sealer(for: location, environment: environment)
        switch location {
        case .memory:
            return .memory(sealer: sealer)
        case .sqlite(let path):
            let store = try SQLiteWorkflowStore(path: path)
            return ConfiguredStore(
                store: UnavailableOnFailureStore(base: store), pacer: store, keys: store,
                secrets: UnavailableOnFailureSecretStore(base: store), sealer: sealer
            ) {
                try await SecretKeySource.verify(sealer, against: store)
            }
        case .postgres(let url):
            let store = try PostgresWorkflowStore(url: url, logger: logger)
            return ConfiguredStore(
                store: UnavailableOnFailureStore(base: store), pacer: store, keys: store,
                secrets: UnavailableOnFailureSecretStore(base: store), sealer: sealer, services: [store.client]
            ) {
                try await store.migrate()
                try await SecretKeySource.verify(sealer, against: store)
            }
        }
    }
}
