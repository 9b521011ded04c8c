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
    func record(_ command: DeployCommand) {
        update { values in
            values.mode = command.mode
            switch command {
            case .initialize: break
            case .trigger(let reference):
                values.workflowID = reference.workflowID
                values.app = reference.app
                values.action = reference.action
            case .status(let query):
                values.workflowID = query.workflowID
                values.app = query.app
                values.action = query.action
            case .cancel(let workflowID):
                values.workflowID = workflowID
            }
        }
    }
}
