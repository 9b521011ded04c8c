import BatonCore

/// How `baton serve` listens and paces requests.
public struct BatonServerConfiguration: Sendable {
    /// The address to bind.
    public var host: String
    /// The port to bind; 0 picks a free one.
    public var port: Int
    /// Request size limits.
    public var limits: ValidationLimits

    public init(host: String = "127.0.0.1", port: Int = 8080, limits: ValidationLimits = .standard) {
        self.host = host
        self.port = port
        self.limits = limits
    }
}
