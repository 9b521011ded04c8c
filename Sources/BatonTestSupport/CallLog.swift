public import BatonCore
import Synchronization

/// Counts the calls scripted actions receive, and the most that ever ran at once for one action.
public final class CallLog: Sendable {
    /// Which method of the action was called.
    public enum Method: String, Sendable {
        case start
        case poll
    }

    /// One app's action of one workflow.
    public typealias Key = ActionReference

    private struct Counts {
        var calls: [Key: [Method: Int]] = [:]
        var running: [Key: Int] = [:]
        var maxRunning: [Key: Int] = [:]
        var envValuesSeen: [Key: [String: String]] = [:]
    }

    private let counts = Mutex(Counts())

    public init() {}

    /// How many times `method` was called for the key.
    public func count(_ method: Method, _ key: Key) -> Int {
        counts.withLock { $0.calls[key]?[method] ?? 0 }
    }

    /// How many calls of any kind ran at the same time for the key, at most.
    public func maxConcurrent(_ key: Key) -> Int {
        counts.withLock { $0.maxRunning[key] ?? 0 }
    }

    /// The env values the action last received for the key.
    public func envValues(_ key: Key) -> [String: String] {
        counts.withLock { $0.envValuesSeen[key] ?? [:] }
    }

    /// Every `method` call, over all keys.
    public func total(_ method: Method) -> Int {
        counts.withLock { $0.calls.values.reduce(0) { $0 + ($1[method] ?? 0) } }
    }

    func record(_ method: Method, context: ActionContext, _ body: () async throws -> ActionOutcome) async throws -> ActionOutcome {
        let key = Key(workflowID: context.workflowID, app: context.app.id, action: context.actionID)
        counts.withLock { counts in
            counts.calls[key, default: [:]][method, default: 0] += 1
            counts.running[key, default: 0] += 1
            counts.maxRunning[key] = max(counts.maxRunning[key] ?? 0, counts.running[key]!)
            counts.envValuesSeen[key] = context.envValues
        }
        defer { counts.withLock { $0.running[key, default: 1] -= 1 } }
        return try await body()
    }
}
