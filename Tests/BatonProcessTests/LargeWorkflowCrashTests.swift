import AsyncHTTPClient
import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// One workflow of 200 apps, 24 driven at once, through real processes — `baton sandbox`, and `baton serve --store sqlite:…` killed with
/// SIGKILL half-way and started again on the same file — must finish with exactly one of each resource.
///
/// It loads both cores for a while: `scripts/test` runs it after the other suites, on its own.
@Suite("Large workflows: a 200-app workflow through a crash")
struct LargeWorkflowCrashTests {
    static let appCount = 200

    @Test func twoHundredAppsFinishWithOneOfEachResourceThroughAKill() async throws {
        let http = ProcessEnvironment.makeHTTPClient()
        let outcome: Result<Void, any Error>
        do {
            try await run(http: http)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        try await http.shutdown()
        try outcome.get()
    }

    private func run(http: HTTPClient) async throws {
        let folder = try ProcessEnvironment.scratchFolder("large-crash")
        let apps = (1...Self.appCount).map { "app-\($0)" }
        let catalog = folder.appendingPathComponent("catalog.json")
        try Self.catalogJSON(apps).write(to: catalog)
        let sandbox = try await SandboxProcess.start(folder: folder, http: http)
        defer { sandbox.server.kill() }
        let serve = try await ServerProcess.start(
            "serve",
            arguments: { port in
                // The sandbox enforces no content-creation limit here, and pacing is another test's subject.
                ["serve", "--store", "sqlite:\(folder.path)/baton.sqlite", "--port", "\(port)", "--catalog", catalog.path,
                 "--github-content-pace", "6000/m"] + sandbox.providerArguments
            },
            readinessPath: "/healthz", environment: ProcessEnvironment.childEnvironment(), folder: folder, http: http)
        defer { serve.kill() }

        let recorder = APIExchangeRecorder()
        let client = ResilientClient(http: http, baseURLs: [serve.baseURL], recordingTo: recorder)
        var driver = CrashTolerantDriver(client: client)
        driver.actionTimeout = .seconds(240)
        // 24 apps at once, as a client fleet with bounded concurrency drives (the HTTP client keeps 32 connections).
        driver.appsAtOnce = 24
        let list = apps.map { "\"\($0)\"" }.joined(separator: ",")
        let workflow = try await driver.initialize(#"{"mode":"init","config":{"apps":[\#(list)],"github":{"owner":"acme"}}}"#)
        let results = try await withThrowingTaskGroup(of: [String: [ActionStatus]]?.self) { group in
            group.addTask { [driver] in try await driver.drive(workflow) }
            group.addTask {
                // Half-way: once half the projects exist, the server dies and comes back 300 ms later.
                while try await sandbox.state().projects.count < Self.appCount / 2 { try await Task.sleep(for: .milliseconds(50)) }
                serve.kill()
                try await Task.sleep(for: .milliseconds(300))
                try await serve.restart()
                return nil
            }
            var results: [String: [ActionStatus]] = [:]
            while let finished = try await group.next() {
                if let finished { results = finished }
            }
            return results
        }

        var unfinished: [String] = []
        for app in workflow.apps {
            let statuses = results[app.id] ?? []
            if statuses.map(\.action) != app.actions.map(\.id) || !statuses.allSatisfy({ $0.state == .succeeded }) {
                unfinished.append("\(app.id): \(statuses.map { "\($0.action) \($0.state)" })")
            }
        }
        #expect(unfinished.isEmpty, "\(unfinished.prefix(5))")
        #expect(client.retries > 0, "the client really met the dead server")
        let final = try await driver.workflowStatus(workflow)
        #expect(final.state == .succeeded)
        let history = try #require(final.history)
        #expect(history.count == final.apps.reduce(0) { $0 + $1.actions.count } * 2, "two transitions per action, none lost or doubled")
        let problems = try await sandbox.state().problemsAfterWorkflow(apps: apps, owner: "acme", domain: nil)
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        try await recorder.validate()
        try? FileManager.default.removeItem(at: folder)
    }

    /// A catalog of generate-mode apps on the sandbox's seeded template.
    static func catalogJSON(_ apps: [String]) throws -> Data {
        let entries = apps.map { app -> [String: Any] in
            ["id": app, "name": app, "template": "baton-templates/app-c", "repository": "generate", "subdomain": app, "env": []]
        }
        return try JSONSerialization.data(withJSONObject: ["apps": entries])
    }
}
