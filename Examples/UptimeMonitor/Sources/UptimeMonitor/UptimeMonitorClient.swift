public import AsyncHTTPClient
import Foundation
public import NIOCore
import NIOHTTP1

/// A client of the uptime monitor's HTTP API:
///
/// - `GET  /v1/monitors?url=URL` → `200 {"monitors": [Monitor]}`: the monitors watching a URL.
/// - `POST /v1/monitors {"url", "name"}` → `201 Monitor`: starts watching a URL.
///
/// Every request carries `Authorization: Bearer <API key>`; the API answers `401` to a missing or wrong key and
/// `429`/`5xx` when it is busy or down.
public struct UptimeMonitorClient: Sendable {
    /// One monitor.
    public struct Monitor: Codable, Sendable, Hashable {
        /// The monitor's id, such as `mon_1`.
        public var id: String
        /// The URL it checks.
        public var url: String
        /// Its name on the monitor's dashboard.
        public var name: String
    }

    /// What went wrong talking to the monitor.
    public enum Failure: Error, Sendable, Hashable {
        /// The API refused the key (401 or 403).
        case unauthorized(String)
        /// The API is busy or down (429, 5xx), or did not answer; trying again later may work.
        case unavailable(String)
        /// The API answered something this client does not understand.
        case unexpected(String)
    }

    /// The API's base URL, such as `https://monitor.example.com`.
    public let baseURL: String
    let apiKey: String
    let http: HTTPClient
    /// The longest a call may take; it is cut short sooner when the request's budget runs out.
    let timeout: TimeAmount

    public init(baseURL: String, apiKey: String, http: HTTPClient, timeout: TimeAmount = .seconds(5)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiKey = apiKey
        self.http = http
        self.timeout = timeout
    }

    /// The monitors watching `url`.
    public func monitors(watching url: String) async throws(Failure) -> [Monitor] {
        let query = url.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? url
        struct Listing: Decodable { var monitors: [Monitor] }
        return try await send(.GET, "/v1/monitors?url=\(query)", body: nil, expecting: .ok, as: Listing.self).monitors
    }

    /// Starts watching `url` under `name`.
    public func createMonitor(url: String, name: String) async throws(Failure) -> Monitor {
        struct Creation: Encodable { var url: String; var name: String }
        let body = try? JSONEncoder().encode(Creation(url: url, name: name))
        return try await send(.POST, "/v1/monitors", body: body, expecting: .created, as: Monitor.self)
    }

    private func send<Answer: Decodable>(
        _ method: HTTPMethod, _ path: String, body: Data?, expecting expected: HTTPResponseStatus, as: Answer.Type
    ) async throws(Failure) -> Answer {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(apiKey)")
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let status: HTTPResponseStatus
        let bytes: ByteBuffer
        do {
            let response = try await http.execute(request, timeout: timeout)
            status = response.status
            bytes = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw .unavailable("The uptime monitor did not answer (\(error)).")
        }
        let message = String(buffer: bytes).prefix(300)
        switch status.code {
        case expected.code:
            guard let answer = try? JSONDecoder().decode(Answer.self, from: Data(bytes.readableBytesView)) else {
                throw .unexpected("The uptime monitor answered \(status.code) with a body this client does not understand.")
            }
            return answer
        case 401, 403:
            throw .unauthorized("The uptime monitor refused the API key (\(status.code)): \(message)")
        case 429, 500...599:
            throw .unavailable("The uptime monitor answered \(status.code): \(message)")
        default:
            throw .unexpected("The uptime monitor answered \(status.code): \(message)")
        }
    }
}
