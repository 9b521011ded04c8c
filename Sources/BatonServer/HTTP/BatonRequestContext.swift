public import Hummingbird
public import NIOCore

/// The request context of Baton's own server: Hummingbird's core context and the client's address (the principal of
/// a request under `--auth none`, and the key of its abuse limits).
///
/// A host that mounts Baton's routes on its own router (``BatonApplication/addRoutes(to:engine:catalog:limits:connector:publicURL:)``)
/// uses its own context instead; any context that conforms to `RemoteAddressRequestContext` will do.
public struct BatonRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connected client's address, nil when the channel has none (tests without a socket).
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}

extension RemoteAddressRequestContext {
    /// The client's IP address as text, without the port.
    var clientAddress: String? {
        remoteAddress?.ipAddress
    }
}
