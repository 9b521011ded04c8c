import BatonCore
import BatonSandbox
import BatonTestSupport
import Foundation
import Testing

@Suite("End to end against the sandbox")
struct EndToEndTests {
    static let envVars = #"{"app-a":{"DATABASE_URL":"postgres://user:s3cr3t-value@db/app","ANALYTICS_ID":"UA-1"}}"#

    @Test func threeAppsWithADomainAndEnvVarsDeployAndShowDNSRecords() async throws {
        try await SandboxedServers.run { servers in
            let (_, workflow) = try await servers.client.initialize(domain: "example.com", envVars: Self.envVars)
            let results = try await WorkflowDriver(client: servers.client).drive(workflow)
            for result in results {
                #expect(result.statuses.allSatisfy { $0.state == .succeeded }, "\(result.app): \(result.statuses.map(\.message))")
                #expect(result.statuses.count == workflow.apps.first { $0.id == result.app }?.actions.count)
            }
            let dns = try #require(results.first { $0.app == "app-b" }?.statuses.last)
            #expect(dns.action == "present-dns")
            let records = try #require(dns.outputs["records"]?.arrayValue)
            #expect(records.contains(["type": "CNAME", "name": "b", "value": "cname.vercel-dns-0.com"]))
            #expect(dns.outputs["verified"] == false)
            let deploy = try #require(results.first?.statuses.first { $0.action == "deploy" })
            #expect(deploy.outputs["url"]?.stringValue?.hasPrefix("https://") == true)
            let fork = try #require(results.first?.statuses.first)
            #expect(fork.outputs["fullName"] == "acme/app-a")
            #expect(results.first?.statuses.first { $0.action == "configure-env" }?.outputs["keys"] == ["ANALYTICS_ID", "DATABASE_URL"])

            let state = try await servers.sandboxState()
            try SandboxExpectations.exactlyOneOfEach(state, apps: workflow.apps.map(\.id), owner: "acme", domain: "example.com")
            #expect(Set(state.envVars.map(\.key)) == ["DATABASE_URL", "ANALYTICS_ID"])
            let stateText = String(decoding: try JSONEncoder().encode(state.envVars.map(\.key)), as: UTF8.self)
            #expect(!stateText.contains("s3cr3t"))
        }
    }

    @Test func flakyProvidersReachTheSameEndStateWithNothingDuplicated() async throws {
        let configuration = SandboxConfiguration(forkSeconds: 0.3, buildSeconds: 0.6, failureRate: 0.2, seed: 7)
        try await SandboxedServers.run(sandbox: configuration) { servers in
            let (_, workflow) = try await servers.client.initialize(domain: "example.com", envVars: Self.envVars)
            let results = try await WorkflowDriver(client: servers.client).drive(workflow, retries: 3)
            for result in results {
                #expect(result.statuses.allSatisfy { $0.state == .succeeded }, "\(result.app): \(result.statuses.map(\.message))")
            }
            let state = try await servers.sandboxState()
            try SandboxExpectations.exactlyOneOfEach(state, apps: workflow.apps.map(\.id), owner: "acme", domain: "example.com")
            let totalCalls = state.calls.values.reduce(0, +)
            #expect(totalCalls > 30, "the run made real provider traffic")
        }
    }
}

/// What the sandbox must hold after a workflow: one repository, project, production deployment and domain per app.
enum SandboxExpectations {
    static func exactlyOneOfEach(_ state: SandboxSnapshot, apps: [String], owner: String, domain: String?) throws {
        let problems = state.problemsAfterWorkflow(apps: apps, owner: owner, domain: domain)
        #expect(problems.isEmpty, "\(problems)")
    }
}
