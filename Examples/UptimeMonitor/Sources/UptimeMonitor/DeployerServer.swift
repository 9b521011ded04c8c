import BatonCore
import Foundation
public import BatonKit
public import BatonProviders
public import BatonStores
public import Hummingbird
public import Logging
public import NIOCore

/// The host's request context: Hummingbird's, with the client's address, which Baton's routes need (the principal
/// under open access, and the key of their abuse limits), and the host's own id for the request.
public struct DeployerRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The host's id for this request, on every line it logs (`deployer.request`), so an operator can follow one
    /// request through the host's routes and Baton's.
    public let requestID: String

    public init(source: ApplicationRequestContextSource) {
        requestID = UUID().uuidString.lowercased()
        remoteAddress = source.channel.remoteAddress
        coreContext = .init(source: source)
        logger[metadataKey: "deployer.request"] = .string(requestID)
    }
}

/// The host's server: its own routes, with Baton's mounted on the same router.
public enum DeployerServer {
    /// Baton's parts as this host chooses them: the monitored deployment, Baton's GitHub and Vercel actions with
    /// `register-monitor`, and `store`.
    public static func components(store: ConfiguredStore, providers: ProviderClients, monitor: UptimeMonitorClient) -> BatonComponents {
        BatonComponents(
            store: store, definition: MonitoredDeployment.definition,
            actions: MonitoredDeployment.actions(providers: providers, monitor: monitor)
        )
    }

    /// The application: `GET /about` (the host's own route) and Baton's routes, served on `host` and `port`.
    /// - Parameters:
    ///   - extraRoutes: more routes on the same router (the sandboxes).
    ///   - onServerRunning: called with the bound port once the server listens.
    public static func buildApplication(
        baton: Baton, host: String = "127.0.0.1", port: Int = 8091, logger: Logger,
        extraRoutes: (Router<DeployerRequestContext>) -> Void = { _ in },
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router(context: DeployerRequestContext.self)
        router.get("/about") { _, _ in
            About(service: "uptime-deployer", workflow: baton.components.definition.name,
                  actions: baton.components.definition.actions.map(\.id))
        }
        baton.addRoutes(to: router)
        extraRoutes(router)
        var app = Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "uptime-deployer"),
            services: baton.services, onServerRunning: { await onServerRunning($0.localAddress?.port ?? port) }, logger: logger
        )
        app.beforeServerStarts(perform: baton.prepare)
        return app
    }

    /// What `GET /about` answers.
    struct About: ResponseEncodable {
        var service: String
        var workflow: String
        var actions: [String]
    }
}
