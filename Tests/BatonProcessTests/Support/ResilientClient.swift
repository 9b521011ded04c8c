import AsyncHTTPClient
import BatonTestSupport
import Foundation
import Synchronization

/// Sends `POST /api/deploy` to one or more Baton instances in turn, and rides out instances that disappear:
/// a request that fails below HTTP (refused, reset, closed mid-answer) is sent again, unchanged, after a pause.
final class ResilientClient: Sendable {
    private let endpoints: [JSONClient]
    private let patience: Duration
    private let turn = Atomic<Int>(0)
    private let retriedRequests = Atomic<Int>(0)
    private let sentRequests = Atomic<Int>(0)

    /// A client of the instances at `baseURLs`, which keeps retrying one request for up to `patience`; `recorder`
    /// keeps every exchange that got an answer, for Baton's OpenAPI check.
    init(http: HTTPClient, baseURLs: [String], patience: Duration = .seconds(60), recordingTo recorder: APIExchangeRecorder? = nil) {
        endpoints = baseURLs.map { JSONClient(http: http, baseURL: $0, recordingTo: recorder) }
        self.patience = patience
    }

    /// How many requests had to be sent again because no instance answered.
    var retries: Int { retriedRequests.load(ordering: .relaxed) }

    /// How many requests were sent, retries included.
    var requests: Int { sentRequests.load(ordering: .relaxed) }

    /// Posts `json` to the next instance in turn, retrying until an HTTP answer comes back.
    func post(_ json: String, token: String? = nil) async throws -> JSONReply {
        let deadline = ContinuousClock.now + patience
        while true {
            let endpoint = endpoints[turn.wrappingAdd(1, ordering: .relaxed).oldValue % endpoints.count]
            sentRequests.add(1, ordering: .relaxed)
            do {
                return try await endpoint.post(json: json, token: token)
            } catch {
                try Task.checkCancellation()
                guard ContinuousClock.now < deadline else {
                    throw ChildProcessError("no Baton instance answered for \(patience): \(error)")
                }
                retriedRequests.add(1, ordering: .relaxed)
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// Posts `json` to instance `index` only, once, without retrying.
    func post(_ json: String, token: String?, to index: Int) async throws -> JSONReply {
        sentRequests.add(1, ordering: .relaxed)
        return try await endpoints[index % endpoints.count].post(json: json, token: token)
    }
}
