public import BatonCore

/// How `baton serve` listens and paces requests.
public struct BatonServerConfiguration: Sendable {
    /// The address to bind.
    public var host: String
    /// The port to bind; 0 picks a free one.
    public var port: Int
    /// Request size limits.
    public var limits: ValidationLimits
    /// The server's public base URL (`https://deploy.example.com`), on which OAuth callback URLs are built; `nil`
    /// takes it from each request's `Host` (fine locally, not behind a proxy).
    public var publicURL: String?

    public init(host: String = "127.0.0.1", port: Int = 8080, limits: ValidationLimits = .standard, publicURL: String? = nil) {
        self.host = host
        self.port = port
        self.limits = limits
        self.publicURL = publicURL
    }
}
