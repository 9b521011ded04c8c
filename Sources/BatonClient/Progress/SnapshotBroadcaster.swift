import BatonCore
import Synchronization

/// Hands every published snapshot to every subscriber's stream.
///
/// A stream starts with the latest snapshot. It finishes when a driving session ends, or at once when the runner is
/// idle and every app has finished, so `for await` loops end on their own.
final class SnapshotBroadcaster: Sendable {
    private struct State {
        var latest: DeploymentSnapshot
        var subscribers: [Int: AsyncStream<DeploymentSnapshot>.Continuation] = [:]
        var nextID = 0
    }

    private let state: Mutex<State>

    init(_ initial: DeploymentSnapshot) {
        state = Mutex(State(latest: initial))
    }

    /// A new stream of snapshots, starting with the latest.
    func subscribe() -> AsyncStream<DeploymentSnapshot> {
        let (stream, continuation) = AsyncStream.makeStream(of: DeploymentSnapshot.self)
        let id: Int? = state.withLock { state in
            continuation.yield(state.latest)
            if !state.latest.isDriving && state.latest.apps.allSatisfy({ $0.state.isTerminal }) {
                continuation.finish()
                return nil
            }
            defer { state.nextID += 1 }
            state.subscribers[state.nextID] = continuation
            return state.nextID
        }
        if let id {
            continuation.onTermination = { [weak self] _ in
                self?.state.withLock { _ = $0.subscribers.removeValue(forKey: id) }
            }
        }
        return stream
    }

    /// Sends `snapshot` to every subscriber; when a driving session ended, finishes their streams.
    func publish(_ snapshot: DeploymentSnapshot, sessionEnded: Bool = false) {
        let finishing: [AsyncStream<DeploymentSnapshot>.Continuation] = state.withLock { state in
            state.latest = snapshot
            for continuation in state.subscribers.values { continuation.yield(snapshot) }
            guard sessionEnded else { return [] }
            defer { state.subscribers = [:] }
            return Array(state.subscribers.values)
        }
        for continuation in finishing { continuation.finish() }
    }
}
