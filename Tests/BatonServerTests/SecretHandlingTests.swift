import BatonCore
import BatonTestSupport
import Foundation
import Testing

@Suite("Secrets over HTTP")
struct SecretHandlingTests {
    @Test func envValuesNeverAppearInResponsesOrLogs() async throws {
        let capture = LogCapture()
        let secret = "postgres://user:hunter2@db/app"
        let server = try LiveServer(logger: capture.logger())
        let (bodies, workflowID) = try await server.run { client in
            var bodies: [String] = []
            let (reply, workflow) = try await client.initialize()
            bodies.append(reply.text)
            for app in workflow.apps {
                for action in app.actions {
                    bodies.append(try await client.trigger(workflow, app.id, action.id).text)
                    bodies.append(try await client.status(workflow, app.id, action.id).text)
                }
            }
            bodies.append(try await client.workflowStatus(workflow).text)
            let invalid = try await client.post(json: #"{"mode":"init","config":{"apps":["app-a"],"github":{"owner":"-"}},"envVars":{"app-a":{"NOPE":"\#(secret)"}}}"#)
            bodies.append(invalid.text)
            return (bodies, workflow.workflowID)
        }
        #expect(bodies.count > 10)
        #expect(bodies.allSatisfy { !$0.contains("hunter2") })
        #expect(!capture.all.isEmpty)
        #expect(capture.all.allSatisfy { !$0.contains("hunter2") })
        let configureEnv = CallLog.Key(workflowID: workflowID, app: "app-a", action: "configure-env")
        #expect(server.log.envValues(configureEnv) == ["DATABASE_URL": secret], "the action that applies them did receive them")
    }
}
