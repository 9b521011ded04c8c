import AsyncHTTPClient
import BatonClient
import BatonCore
import Foundation
import Testing
import UptimeMonitor
import UptimeMonitorSandbox

/// The host's workflow, deployed through its own server into the GitHub and Vercel sandbox, with its own step
/// talking to the imitated uptime monitor.
@Suite(.timeLimit(.minutes(3)))
struct MonitoredDeploymentTests {
    static let request = InitRequest(
        config: WorkflowConfig(apps: ["app-a", "app-b"], github: GitHubTarget(owner: "acme")),
        envVars: ["app-a": ["DATABASE_URL": "postgres://db.example.com/app"]]
    )
    static let oneApp = InitRequest(config: WorkflowConfig(apps: ["app-b"], github: GitHubTarget(owner: "acme")))

    @Test func deploysEachAppAndRegistersItsURLWithTheMonitor() async throws {
        try await HostServers.run { servers in
            let plan = try await servers.client.initialize(Self.request)
            #expect(plan.apps.allSatisfy { $0.actions.last?.id == MonitoredDeployment.registerMonitor })
            #expect(plan.apps.first?.actions.last?.dependsOn == [WorkflowDefinition.ActionID.deploy])

            let snapshot = try await DeploymentRunner(plan: plan, client: servers.client).run()

            #expect(snapshot.isComplete)
            let registered = snapshot.apps.compactMap { $0.output(RegisterMonitorOutput.self) }
            #expect(registered.map(\.url) == snapshot.apps.compactMap(\.deploymentURL))
            #expect(registered.count == 2)
            #expect(Set(servers.monitor.monitors.map(\.url)) == Set(registered.map(\.url)))
            #expect(servers.monitor.monitors.map(\.id).sorted() == registered.map(\.monitorID).sorted())
        }
    }

    @Test func registeringAgainAdoptsTheMonitorInsteadOfMakingASecond() async throws {
        try await HostServers.run { servers in
            let plan = try await servers.client.initialize(Self.request)
            let first = try await DeploymentRunner(plan: plan, client: servers.client).run()
            let reference = ActionReference(workflowID: plan.workflowID, app: "app-b", action: MonitoredDeployment.registerMonitor)

            var again = try await servers.client.trigger(reference, token: plan.token)
            while !again.state.isTerminal {
                again = try await servers.client.status(reference, token: plan.token, waitMs: 2000)
            }

            #expect(again.state == .succeeded)
            #expect(again.output(RegisterMonitorOutput.self) == first.apps.last?.output(RegisterMonitorOutput.self))
            #expect(servers.monitor.creations == 2)
        }
    }

    @Test func aMonitorThatIsDownIsAskedAgainUntilItAnswers() async throws {
        try await HostServers.run { servers in
            servers.monitor.failNextCalls(2)
            let plan = try await servers.client.initialize(Self.oneApp)

            let snapshot = try await DeploymentRunner(plan: plan, client: servers.client).run()

            #expect(snapshot.isComplete)
            #expect(servers.monitor.monitors.count == 1)
        }
    }

    @Test func aRefusedKeyFailsTheStepWithAStableCodeAndAFix() async throws {
        try await HostServers.run(monitorKey: "not-the-key") { servers in
            let plan = try await servers.client.initialize(Self.oneApp)

            let snapshot = try await DeploymentRunner(plan: plan, client: servers.client).run()

            let step = snapshot.apps.first?.action(MonitoredDeployment.registerMonitor)
            #expect(step?.state == .failed)
            #expect(step?.error?.code == "monitor_unauthorized")
            #expect(step?.error?.retryable == false)
            #expect(step?.error?.fix?.contains("MONITOR_API_KEY") == true)
            #expect(snapshot.apps.first?.action(WorkflowDefinition.ActionID.deploy)?.state == .succeeded)
            #expect(servers.monitor.monitors.isEmpty)
        }
    }

    @Test func theHostKeepsItsOwnRoutesBesideBatons() async throws {
        try await HostServers.run { servers in
            let about = try await servers.get("/about")
            #expect(about.status == 200)
            #expect(about.body.contains("\"workflow\":\"monitored-deployment\""))
            let catalog = try await servers.client.catalog()
            #expect(catalog.apps.map(\.id).contains("app-a"))
            let unknown = try await servers.get("/api/nothing-here")
            #expect(unknown.status == 404)
        }
    }
}
