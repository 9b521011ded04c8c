/// Size limits on what a client may send.
public struct ValidationLimits: Sendable, Hashable {
    /// The most apps a workflow may deploy unless the operator says otherwise.
    public static let defaultMaxApps = 200
    /// The smallest default request body limit, in bytes.
    public static let baseBodyBytes = 64 * 1024
    /// The default request body limit per app a workflow may have, in bytes: room for its id and a few env values.
    public static let bodyBytesPerApp = 5 * 1024

    /// The largest request body, in bytes.
    public var maxBodyBytes: Int
    /// The largest env value, in UTF-8 bytes.
    public var maxEnvValueBytes: Int
    /// The most apps one workflow may deploy.
    public var maxApps: Int

    /// Limits; unless given, the body limit is ``bodyBytesPerApp`` per app and at least ``baseBodyBytes``
    /// (1000 KiB for 200 apps).
    public init(maxBodyBytes: Int? = nil, maxEnvValueBytes: Int = 16 * 1024, maxApps: Int = defaultMaxApps) {
        self.maxBodyBytes = maxBodyBytes ?? max(Self.baseBodyBytes, Self.bodyBytesPerApp * maxApps)
        self.maxEnvValueBytes = maxEnvValueBytes
        self.maxApps = maxApps
    }

    /// The limits Baton uses unless told otherwise.
    public static let standard = ValidationLimits()
}
