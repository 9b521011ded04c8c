import AsyncHTTPClient
import BatonCore
import Foundation
import NIOCore
import NIOHTTP1

/// Posts JSON and measures the round trip.
struct BenchClient: Sendable {
    let http: HTTPClient

    /// Sends `json` to `url` and returns the status, the body, and the round-trip time.
    func post(_ url: String, json: String, token: String? = nil) async throws -> (status: Int, body: Data, elapsed: Duration) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        request.body = .bytes(ByteBuffer(string: json))
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await http.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1024 * 1024)
        let elapsed = clock.now - start
        return (Int(response.status.code), Data(body.readableBytesView), elapsed)
    }
}
