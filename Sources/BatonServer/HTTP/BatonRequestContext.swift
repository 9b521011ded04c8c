import Hummingbird
import NIOCore

/// The request context of Baton's routes: Hummingbird's core context and the client's address (the principal of a
/// request under `--auth none`, and the key of its abuse limits).
public struct BatonRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connected client's address, nil when the channel has none (tests without a socket).
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP address as text, without the port.
    var clientAddress: String? {
        remoteAddress?.ipAddress
    }
}
