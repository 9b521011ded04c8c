import BatonCore
import BatonSandbox
import BatonTestSupport
import Foundation
import Testing

/// What the real clients send (and what the sandbox answers them) validates against the official OpenAPI descriptions.
@Suite("Client requests against the OpenAPI descriptions")
struct ClientRequestContractTests {
    @Test func aFullWorkflowsTrafficValidates() async throws {
        let recording = FileManager.default.temporaryDirectory.appendingPathComponent("baton-client-exchanges-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: recording) }
        let configuration = SandboxConfiguration(forkSeconds: 0.3, buildSeconds: 0.6, failureRate: 0.1, seed: 3)
        try await SandboxedServers.run(sandbox: configuration, recordExchangesTo: recording.path) { servers in
            let (_, workflow) = try await servers.client.initialize(
                apps: ["app-a", "app-c"], domain: "example.com", envVars: EndToEndTests.envVars
            )
            let results = try await WorkflowDriver(client: servers.client).drive(workflow, retries: 3)
            #expect(results.allSatisfy { $0.statuses.allSatisfy { $0.state == .succeeded } })
        }
        let lines = try String(contentsOf: recording, encoding: .utf8).split(separator: "\n")
        #expect(lines.count > 20)
        #expect(!lines.contains { $0.contains("s3cr3t-value") })
        let (status, output) = try await OpenAPIContract.validate(recording: recording)
        #expect(status == 0, "validator output:\n\(output)")
        #expect(output.contains("POST /v13/deployments") && output.contains("POST /repos/{owner}/{repo}/forks"))
    }
}
