import Foundation
public import Hummingbird
import Synchronization

/// An imitation of the uptime monitor's API (see `UptimeMonitorClient`), in memory, for the tests and
/// `uptime-deployer --sandbox`: `GET` and `POST /v1/monitors` under a prefix, with the same answers and failures
/// (401 to a wrong key; 503 while ``failNextCalls(_:)`` lasts).
public final class UptimeMonitorSandbox: Sendable {
    /// A monitor as the sandbox keeps it.
    public struct Monitor: Codable, Sendable, Hashable {
        public var id: String
        public var url: String
        public var name: String
    }

    /// The body of `POST /v1/monitors`.
    struct Creation: Decodable {
        var url: String
        var name: String
    }

    struct State {
        var monitors: [Monitor] = []
        var failuresLeft = 0
        var creations = 0
    }

    /// The API key requests must carry as `Authorization: Bearer …`.
    public let apiKey: String
    private let state = Mutex(State())

    public init(apiKey: String = "sandbox-monitor-key") {
        self.apiKey = apiKey
    }

    /// The monitors made so far, oldest first.
    public var monitors: [Monitor] { state.withLock { $0.monitors } }

    /// How many `POST /v1/monitors` made a monitor.
    public var creations: Int { state.withLock { $0.creations } }

    /// Answers the next `count` calls with `503 Service Unavailable`, as a monitor API that is down would.
    public func failNextCalls(_ count: Int) {
        state.withLock { $0.failuresLeft = count }
    }

    /// Mounts `GET` and `POST {prefix}/v1/monitors`.
    public func register<Context: RequestContext>(on router: Router<Context>, at prefix: String = "/monitor-sandbox") {
        router.get("\(prefix)/v1/monitors") { request, _ -> Response in
            if let refusal = self.refusal(request) { return refusal }
            let url = request.uri.queryParameters.get("url")
            let found = self.state.withLock { state in state.monitors.filter { url == nil || $0.url == url } }
            return Self.json(.ok, ["monitors": found])
        }
        router.post("\(prefix)/v1/monitors") { request, context -> Response in
            if let refusal = self.refusal(request) { return refusal }
            guard let creation = try? await request.decode(as: Creation.self, context: context),
                  URL(string: creation.url)?.scheme == "https"
            else {
                return Self.json(.unprocessableContent, ["error": "url must be an https URL and name a string"])
            }
            let monitor = self.state.withLock { state in
                state.creations += 1
                let monitor = Monitor(id: "mon_\(state.creations)", url: creation.url, name: creation.name)
                state.monitors.append(monitor)
                return monitor
            }
            return Self.json(.created, monitor)
        }
    }

    /// 401 without the key, 503 while failures are asked for; nil to serve the call.
    private func refusal(_ request: Request) -> Response? {
        guard request.headers[.authorization] == "Bearer \(apiKey)" else {
            return Self.json(.unauthorized, ["error": "invalid API key"])
        }
        let failing = state.withLock { state in
            guard state.failuresLeft > 0 else { return false }
            state.failuresLeft -= 1
            return true
        }
        return failing ? Self.json(.serviceUnavailable, ["error": "the monitor is down for maintenance"]) : nil
    }

    private static func json(_ status: HTTPResponse.Status, _ value: some Encodable) -> Response {
        let data = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
