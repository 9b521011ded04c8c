public import Foundation

/// One HTTP request from a Baton client to a Baton server.
public struct TransportRequest: Sendable, Hashable {
    /// `GET` or `POST`.
    public var method: String
    /// The absolute URL.
    public var url: URL
    /// Header fields; `Authorization` carries a workflow token, so a transport must never log them.
    public var headers: [String: String]
    /// The body, empty for `GET`.
    public var body: Data
    /// How long the whole exchange may take before it counts as a transport failure.
    public var timeout: Duration

    /// Creates a request.
    public init(method: String, url: URL, headers: [String: String] = [:], body: Data = Data(), timeout: Duration) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// The answer to a ``TransportRequest``.
public struct TransportResponse: Sendable, Hashable {
    /// The HTTP status code.
    public var status: Int
    /// Header fields, with lower-cased names.
    public var headers: [String: String]
    /// The body.
    public var body: Data

    /// Creates a response; header names are lower-cased.
    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.body = body
    }
}

/// Sends HTTP requests for a ``BatonClient``. ``URLSessionTransport`` is the default; apps and tests may supply
/// their own (another HTTP stack, a proxy, a transport that injects failures).
public protocol BatonTransport: Sendable {
    /// Sends `request` and returns the server's answer, whatever its status. Throws ``TransportFailure`` when no
    /// answer arrived (connection refused or reset, timeout, DNS failure).
    func send(_ request: TransportRequest) async throws -> TransportResponse
}

/// No HTTP answer arrived: the server could not be reached, or the exchange broke or timed out.
public struct TransportFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, without any header or body content.
    public var description: String

    /// Creates a failure described by `description`.
    public init(_ description: String) { self.description = description }
}
