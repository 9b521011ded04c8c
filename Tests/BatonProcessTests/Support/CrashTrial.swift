import AsyncHTTPClient
import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// Runs one ``TrialPlan``: a sandbox process, `baton serve` on a fresh SQLite file, a client driving one workflow
/// while the plan kills and restarts `baton serve`, then the checks. Every child is killed on every path out.
struct CrashTrial: Sendable {
    /// How long the sandbox holds every answer while a precise trial waits for its create call. A kill is proven to
    /// fall between the call and its answer when it comes within this of the last check that had not seen the call;
    /// under a loaded CI machine one check of the sandbox's state took over 1.5 s, so the delay leaves twice that.
    static let responseDelayMs = 3_000

    let plan: TrialPlan
    let http: HTTPClient

    func run() async throws -> TrialOutcome {
        let started = ContinuousClock.now
        let folder = try ProcessEnvironment.scratchFolder("crash-\(plan.number)")
        let sandbox = try await SandboxProcess.start(folder: folder, http: http)
        defer { sandbox.server.kill() }
        let serve = try await ServerProcess.start(
            "serve",
            arguments: { port in
                ["serve", "--store", "sqlite:\(folder.path)/baton.sqlite", "--port", "\(port)", "--request-budget", "4s"]
                    + sandbox.providerArguments
            },
            readinessPath: "/healthz", environment: ProcessEnvironment.childEnvironment(), folder: folder, http: http)
        defer { serve.kill() }
        do {
            var outcome = try await drive(sandbox: sandbox, serve: serve)
            outcome.seconds = (ContinuousClock.now - started) / .seconds(1)
            try? FileManager.default.removeItem(at: folder)
            return outcome
        } catch {
            throw ChildProcessError("""
                \(plan) failed: \(error)
                --- serve log (\(serve.logPath)):
                \(serve.logTail())
                """)
        }
    }

    private func drive(sandbox: SandboxProcess, serve: ServerProcess) async throws -> TrialOutcome {
        let recorder = APIExchangeRecorder()
        let client = ResilientClient(http: http, baseURLs: [serve.baseURL], recordingTo: recorder)
        var driver = CrashTolerantDriver(client: client)
        let (armed, arm) = AsyncStream<Chaos.Baseline>.makeStream()
        if case .betweenCallAndRecord(let call, _) = plan.kind {
            driver.beforeTrigger = { app, action in
                guard app == call.app, action == call.action else { return }
                try await sandbox.setFaults(#"{"responseDelayMs":\#(Self.responseDelayMs)}"#)
                let checkedAt = ContinuousClock.now
                arm.yield(Chaos.Baseline(calls: try await sandbox.state().calls(call.route), checkedAt: checkedAt))
                arm.finish()
            }
        }
        let workflow = try await driver.initialize(CrashTolerantDriver.initBody())
        let chaos = Chaos(plan: plan, sandbox: sandbox, serve: serve)
        let results = try await withThrowingTaskGroup(of: [String: [ActionStatus]]?.self) { group in
            group.addTask { [driver] in try await driver.drive(workflow) }
            group.addTask {
                try await chaos.run(armed: armed)
                return nil
            }
            var results: [String: [ActionStatus]] = [:]
            while let finished = try await group.next() {
                if let finished {
                    results = finished
                    group.cancelAll()
                }
            }
            return results
        }
        try await serve.ensureRunning()

        let label = plan.description
        for app in workflow.apps {
            let statuses = results[app.id] ?? []
            #expect(statuses.map(\.action) == app.actions.map(\.id), "\(label): \(app.id) ran \(statuses.map(\.action))")
            for status in statuses {
                #expect(status.state == .succeeded, "\(label): \(app.id)/\(status.action) \(status.state): \(status.message)")
            }
        }
        let final = try await driver.workflowStatus(workflow)
        #expect(final.state == .succeeded, "\(label): the workflow is \(final.state)")
        let snapshot = try await sandbox.state()
        let problems = snapshot.problemsAfterWorkflow(
            apps: workflow.apps.map(\.id), owner: "acme", domain: "example.com", envKeys: ["app-a": ["DATABASE_URL"]])
        #expect(problems.isEmpty, "\(label): \(problems)")
        try await recorder.validate()
        var outcome = TrialOutcome(plan: plan)
        outcome.kills = await chaos.log.kills
        outcome.precisionMs = await chaos.log.precisionMs
        outcome.retries = client.retries
        outcome.requests = client.requests
        return outcome
    }
}
