import BatonClient
import BatonCore
import Foundation

extension BatonClient {
    /// Triggers one action and long-polls it until it is no longer running (60 s at most), as a client would.
    func finish(_ action: String, of app: String, in credentials: WorkflowCredentials) async throws -> ActionStatus {
        let reference = ActionReference(workflowID: credentials.workflowID, app: app, action: action)
        var status = try await trigger(reference, token: credentials.token)
        let giveUp = Date().addingTimeInterval(60)
        while status.state == .running, Date() < giveUp {
            status = try await self.status(reference, token: credentials.token, waitMs: 5000)
        }
        return status
    }
}
