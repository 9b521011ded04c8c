import BatonCore
import Synchronization

/// What a route learned about its request that the request's metrics and span are labeled with: the deploy mode and
/// the workflow, app and action it concerns. ``TelemetryMiddleware`` makes one per request and reads it once the
/// response is ready; the route fills it in through ``current``. Never secrets.
final class RequestFacts: Sendable {
    /// The facts; `nil` where the route did not say.
    struct Values: Sendable {
        /// The deploy mode, or ``TelemetryLabel/invalidMode``.
        var mode: String?
        var workflowID: String?
        var app: String?
        var action: String?
    }

    /// The facts of the request this task serves, when telemetry is on.
    @TaskLocal static var current: RequestFacts?

    private let storage = Mutex(Values())

    /// The facts as they stand.
    var values: Values { storage.withLock { $0 } }

    /// Changes the facts.
    func update(_ change: (inout Values) -> Void) {
        storage.withLock { change(&$0) }
    }
}

extension RequestFacts {
    /// Records a `POST /api/deploy` command: its mode and what it concerns.
    ///
    /// The ids are as the client sent them (the command is parsed, not yet checked against the store), so each is
    /// cut to ``longestID`` characters: a span attribute must not grow with what a stranger sends.
    func record(_ command: DeployCommand) {
        update { values in
            values.mode = command.mode
            switch command {
            case .initialize: break
            case .trigger(let reference):
                values.workflowID = Self.bounded(reference.workflowID)
                values.app = Self.bounded(reference.app)
                values.action = Self.bounded(reference.action)
            case .status(let query):
                values.workflowID = Self.bounded(query.workflowID)
                values.app = query.app.map(Self.bounded)
                values.action = query.action.map(Self.bounded)
            case .cancel(let workflowID):
                values.workflowID = Self.bounded(workflowID)
            }
        }
    }

    /// The most characters of a client-sent id kept on a span (a workflow id is 35).
    static let longestID = 100

    private static func bounded(_ id: String) -> String {
        id.count > longestID ? String(id.prefix(longestID)) + "…" : id
    }
}
