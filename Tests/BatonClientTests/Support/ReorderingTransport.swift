import BatonClient
import Foundation
import Synchronization

/// A transport that delivers answers out of order, as late long polls, replayed retries and lagging reads do: it keeps
/// the first answer it saw for each action and the first whole-workflow answer, and later hands those back in place of
/// the server's fresh answer.
///
/// - Every `releaseEvery`-th action answer (`trigger` or `status` of one action) is replaced by the first answer of
///   another action that has had a newer answer since: an old `running` arriving after `succeeded`.
/// - Every whole-workflow `status` after the first is answered with the first one.
///
/// The fresh answers it drops cost nothing: the client asks again, and every action converges.
final class ReorderingTransport: BatonTransport {
    /// An older answer handed back in place of a fresh one.
    struct Release: Sendable, CustomStringConvertible {
        /// The action the old answer is about (`app/action`), or `workflow` for a whole-workflow answer.
        var about: String
        /// The old answer's sequence (0 for a whole-workflow answer) and the newest one delivered before it.
        var sequence: Int
        var newestDelivered: Int

        var description: String { "\(about) #\(sequence) after #\(newestDelivered)" }
    }

    private struct Kept {
        var body: Data
        var sequence: Int
    }

    private struct State {
        var actionAnswers = 0
        /// The first answer of each action, by `app/action`.
        var first: [String: Kept] = [:]
        /// The highest sequence delivered of each action.
        var newest: [String: Int] = [:]
        var firstWorkflow: Data?
        var releases: [Release] = []
    }

    private let inner = URLSessionTransport()
    private let state = Mutex(State())
    private let releaseEvery: Int

    /// Creates a transport replacing every `releaseEvery`-th action answer by an older one.
    init(releaseEvery: Int) {
        self.releaseEvery = max(1, releaseEvery)
    }

    /// Every older answer handed back so far, in order.
    var releases: [Release] { state.withLock { $0.releases } }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        let response = try await inner.send(request)
        guard response.status == 200, let asked = Self.object(request.body), asked["mode"] as? String == "status"
                || asked["mode"] as? String == "trigger",
              let answer = Self.object(response.body)
        else { return response }
        if asked["app"] == nil {
            return state.withLock { state in
                guard let first = state.firstWorkflow else {
                    state.firstWorkflow = response.body
                    return response
                }
                state.releases.append(Release(about: "workflow", sequence: 0, newestDelivered: 0))
                return TransportResponse(status: 200, headers: response.headers, body: first)
            }
        }
        guard let app = answer["app"] as? String, let action = answer["action"] as? String,
              let sequence = answer["sequence"] as? Int
        else { return response }
        let key = "\(app)/\(action)"
        return state.withLock { state in
            if state.first[key] == nil { state.first[key] = Kept(body: response.body, sequence: sequence) }
            state.actionAnswers += 1
            if state.actionAnswers % releaseEvery == 0,
               let (other, kept) = state.first
                   .filter({ $0.key != key && $0.value.sequence < state.newest[$0.key, default: 0] })
                   .min(by: { $0.key < $1.key }) {
                state.releases.append(Release(about: other, sequence: kept.sequence, newestDelivered: state.newest[other, default: 0]))
                return TransportResponse(status: 200, headers: response.headers, body: kept.body)
            }
            state.newest[key] = max(state.newest[key, default: 0], sequence)
            return response
        }
    }

    private static func object(_ data: Data) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}
