/// Size limits on what a client may send.
public struct ValidationLimits: Sendable, Hashable {
    /// The largest request body, in bytes.
    public var maxBodyBytes: Int
    /// The largest env value, in UTF-8 bytes.
    public var maxEnvValueBytes: Int
    /// The most apps one workflow may deploy.
    public var maxApps: Int

    public init(maxBodyBytes: Int = 64 * 1024, maxEnvValueBytes: Int = 16 * 1024, maxApps: Int = 50) {
        self.maxBodyBytes = maxBodyBytes
        self.maxEnvValueBytes = maxEnvValueBytes
        self.maxApps = maxApps
    }

    /// The limits Baton uses unless told otherwise.
    public static let standard = ValidationLimits()
}
