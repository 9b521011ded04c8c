import BatonClient
import Foundation
import Synchronization

/// A transport that forwards to `URLSessionTransport`, counts what it sends, and can make chosen exchanges fail:
/// before the request leaves (as a refused connection would) or after the server acted on it (as a lost answer
/// would), to show retries create nothing twice.
final class RecordingTransport: BatonTransport {
    /// How an exchange should fail.
    enum Fault: Sendable {
        /// Fail without sending.
        case dropRequest
        /// Send, let the server act, then report a lost connection.
        case loseAnswer
        /// Send, then answer 503 in place of the server's answer.
        case replaceWith503
    }

    private struct State {
        var sent: [String] = []
        var exchanges = 0
        /// Faults in a row per request (its body, keys sorted), so concurrent callers cannot starve one request of clean
        /// exchanges.
        var faultsInARow: [Data: Int] = [:]
    }

    /// The most faults one request meets in a row before an exchange of it goes through untouched.
    static let maximumFaultsInARow = 3

    private let inner = URLSessionTransport()
    private let state = Mutex(State())
    private let faultFor: @Sendable (Int) -> Fault?

    /// Creates a transport; `faultFor(n)` picks the fault of the n-th exchange (from 1), `nil` for none. A request
    /// (the same body resent) that met ``maximumFaultsInARow`` faults in a row goes through on its next exchange.
    init(faultFor: @escaping @Sendable (Int) -> Fault? = { _ in nil }) {
        self.faultFor = faultFor
    }

    /// The `mode` of every request that reached the server (`GET` for catalog reads), in order.
    var sentModes: [String] { state.withLock { $0.sent } }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        let key = Self.canonical(request.body)
        let fault = state.withLock { state -> Fault? in
            state.exchanges += 1
            let inARow = state.faultsInARow[key, default: 0]
            let fault = inARow < Self.maximumFaultsInARow ? faultFor(state.exchanges) : nil
            state.faultsInARow[key] = fault == nil ? 0 : inARow + 1
            return fault
        }
        if fault == .dropRequest { throw TransportFailure("could not connect (injected)") }
        let response = try await inner.send(request)
        state.withLock { $0.sent.append(Self.mode(of: request)) }
        switch fault {
        case .loseAnswer: throw TransportFailure("the connection was lost (injected)")
        case .replaceWith503:
            let body = #"{"error":{"code":"unavailable","message":"injected","details":[]}}"#
            // As Baton answers a store outage (its OpenAPI description holds this made-up answer too).
            return TransportResponse(
                status: 503, headers: ["Content-Type": "application/json; charset=utf-8", "Retry-After": "0"], body: Data(body.utf8))
        default: return response
        }
    }

    /// The body with its keys sorted: JSONEncoder may order the keys of two encodings of one request differently.
    private static func canonical(_ body: Data) -> Data {
        guard let object = try? JSONSerialization.jsonObject(with: body),
              let sorted = try? JSONSerialization.data(withJSONObject: object, options: .sortedKeys)
        else { return body }
        return sorted
    }

    private static func mode(of request: TransportRequest) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any],
              let mode = object["mode"] as? String
        else { return request.method }
        return mode
    }
}
