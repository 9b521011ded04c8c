public import BatonServer
public import Hummingbird
public import Logging

/// Baton's own HTTP server, assembled from `components`: Baton's routes on a router of its own (unknown paths answer
/// JSON errors too), served on `host` and `port` with the store's services. `baton serve`, the benchmark and the
/// tests all start Baton through it.
/// - Parameters:
///   - port: the port to bind; 0 picks a free one (see `onServerRunning`).
///   - extraRoutes: adds more routes to the same router (the provider sandbox, say).
///   - onServerRunning: called with the bound port once the server listens (useful with port 0).
/// - Throws: what ``Baton/init(_:logger:)`` throws.
public func buildApplication(
    _ components: BatonComponents,
    host: String = "127.0.0.1",
    port: Int = 8080,
    logger: Logger,
    extraRoutes: (Router<BatonRequestContext>) -> Void = { _ in },
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    try buildApplication(
        Baton(components, logger: logger), host: host, port: port, logger: logger, extraRoutes: extraRoutes,
        onServerRunning: onServerRunning
    )
}

/// Baton's own HTTP server around an assembled ``Baton`` (to keep a handle on its engine, as tests do).
public func buildApplication(
    _ baton: Baton,
    host: String = "127.0.0.1",
    port: Int = 8080,
    logger: Logger,
    extraRoutes: (Router<BatonRequestContext>) -> Void = { _ in },
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    BatonApplication.build(
        configuration: BatonServerConfiguration(
            host: host, port: port, limits: baton.components.limits, publicURL: baton.components.publicURL
        ), engine: baton.engine, catalog: baton.components.catalog, logger: logger,
        connector: baton.connector, services: baton.services, beforeServerStarts: baton.prepare,
        extraRoutes: extraRoutes, onServerRunning: onServerRunning
    )
}
