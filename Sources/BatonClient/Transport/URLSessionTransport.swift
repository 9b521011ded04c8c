import BatonCore
import Foundation
#if canImport(FoundationNetworking)
public import FoundationNetworking
#endif

/// A ``BatonTransport`` on Foundation's `URLSession`, available on every platform Baton's client supports.
public struct URLSessionTransport: BatonTransport {
    private let session: URLSession

    /// Creates a transport on `session` (by default an ephemeral session: no cookies, no cache).
    public init(session: URLSession = URLSession(configuration: .ephemeral)) {
        self.session = session
    }

    /// Sends `request` with `URLSession`; any `URLError` becomes a ``TransportFailure``.
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = request.timeout.seconds
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        if !request.body.isEmpty { urlRequest.httpBody = request.body }
        do {
            let (data, response) = try await session.data(for: urlRequest)
            guard let http = response as? HTTPURLResponse else {
                throw TransportFailure("\(request.url.host ?? "the server") did not answer with HTTP")
            }
            var headers: [String: String] = [:]
            for (name, value) in http.allHeaderFields {
                if let name = name as? String, let value = value as? String { headers[name] = value }
            }
            return TransportResponse(status: http.statusCode, headers: headers, body: data)
        } catch let error as URLError {
            throw TransportFailure(Self.describe(error, url: request.url))
        }
    }

    private static func describe(_ error: URLError, url: URL) -> String {
        let server = url.host.map { host in url.port.map { "\(host):\($0)" } ?? host } ?? url.absoluteString
        switch error.code {
        case .cannotConnectToHost: return "could not connect to \(server)"
        case .timedOut: return "\(server) did not answer in time"
        case .networkConnectionLost: return "the connection to \(server) was lost"
        case .cannotFindHost, .dnsLookupFailed: return "could not find \(server)"
        default: return "the request to \(server) failed (\(error.code.rawValue))"
        }
    }
}
