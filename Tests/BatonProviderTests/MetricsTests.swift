import BatonCore
import BatonKit
import BatonTestSupport
import Foundation
import Testing

/// `GET /metrics` after real workflows against the sandbox: every count is checked against what the test sent, what the
/// workflows' actions ended with, and what the sandbox received.
@Suite("Metrics at GET /metrics")
struct MetricsTests {
    static let secretValue = "postgres://user:metrics-s3cret@db/app"

    @Test("A finished and a canceled workflow are counted exactly: requests, actions, provider calls, retries, open workflows")
    func workflowsAreCountedExactly() async throws {
        try await SandboxedServers.run(telemetry: TelemetrySettings(metrics: true)) { servers in
            var client = TallyingClient(client: servers.client)
            var scraper = Scraper(client: servers.client)
            #expect(try await scraper.scrape().value(TelemetryMetric.workflowsOpen) == 0)

            // Refused before a mode is known (not JSON), and with one (init without its config).
            #expect(try await client.post("{", mode: TelemetryLabel.invalidMode).status == 400)
            #expect(try await client.post(#"{"mode":"init"}"#, mode: "init").status == 400)
            #expect(try await client.post(#"{"mode":"launch"}"#, mode: TelemetryLabel.invalidMode).status == 400)

            // One secondary rate limit on the first fork (retried within the action), and app-b's first deployment fails
            // (triggered again).
            try await servers.setFaults(#"{"secondaryRateLimit":{"count":1,"retryAfter":0},"failDeployment":"acme-app-b"}"#)
            let workflow = try await client.initialize(#"""
                {"mode":"init","config":{"apps":["app-a","app-b"],"github":{"owner":"acme"}},
                 "envVars":{"app-a":{"DATABASE_URL":"\#(Self.secretValue)"}}}
                """#)
            #expect(try await scraper.scrape().value(TelemetryMetric.workflowsOpen) == 1)
            var deployFailure: ActionFailure?
            for app in workflow.apps {
                for action in app.actions {
                    var status = try await client.run(workflow, app.id, action.id)
                    if status.state == .failed, action.id == "deploy" {
                        deployFailure = status.error
                        status = try await client.run(workflow, app.id, action.id)
                    }
                    #expect(status.state == .succeeded, "\(app.id)/\(action.id): \(status.message)")
                }
            }
            let failure = try #require(deployFailure, "app-b's first deployment failed")
            #expect(try await scraper.scrape().value(TelemetryMetric.workflowsOpen) == 0)

            // A second workflow, canceled while its fork runs.
            try await servers.setFaults(#"{"forkSeconds":60}"#)
            let canceled = try await client.initialize(
                #"{"mode":"init","config":{"apps":["app-c"],"github":{"owner":"acme"}},"envVars":{}}"#)
            #expect(try await scraper.scrape().value(TelemetryMetric.workflowsOpen) == 1)
            let started = try await client.trigger(canceled, "app-c", "fork-repository")
            #expect(started.state == .running)
            #expect(try await client.post(#"{"mode":"cancel","workflowId":"\#(canceled.workflowID)"}"#, token: canceled.token, mode: "cancel").status == 200)

            let metrics = try await scraper.scrape()
            #expect(metrics.value(TelemetryMetric.workflowsOpen) == 0)
            try Self.expectRequests(metrics, sent: client.sent, scrapes: scraper.count - 1)
            Self.expectActions(metrics, finished: workflow, canceled: canceled, deployFailure: failure.code)
            Self.expectRetries(metrics, deployFailure: failure.code)
            try Self.expectProviderCalls(metrics, sandbox: try await servers.sandboxState())
            #expect(!scraper.lastText.contains("metrics-s3cret") && !scraper.lastText.contains(workflow.token))
        }
    }

    /// Every request the test sent, by mode and status, and the scrapes before the last; no route label carries an id.
    static func expectRequests(_ metrics: PrometheusSamples, sent: [TallyingClient.Key: Int], scrapes: Int) throws {
        for (key, count) in sent {
            let labels = ["route": "/api/deploy", "mode": key.mode, "status": String(key.status)]
            #expect(metrics.value(TelemetryMetric.requests, labels) == Double(count), "\(labels)")
        }
        #expect(metrics.sum(TelemetryMetric.requests, where: ["route": "/api/deploy"]) == Double(sent.values.reduce(0, +)))
        #expect(metrics.value(TelemetryMetric.requests, ["route": "/metrics", "mode": "none", "status": "200"]) == Double(scrapes))
        #expect(sent[.init(mode: "invalid", status: 400)] == 2 && sent[.init(mode: "init", status: 400)] == 1)
        for labels in metrics.labelSets(TelemetryMetric.requests) {
            #expect(!(labels["route"] ?? "").contains("wf_"), "a route is a template: \(labels)")
        }
        let initCount = metrics.value(TelemetryMetric.requestDuration + "_count", ["route": "/api/deploy", "mode": "init"])
        #expect(initCount == Double(sent.filter { $0.key.mode == "init" }.values.reduce(0, +)))
    }

    /// Every action of the finished workflow succeeded once (deploy of app-b failed once first); every action of the
    /// canceled one was canceled, and only the running fork had an attempt to time.
    static func expectActions(_ metrics: PrometheusSamples, finished: InitResponse, canceled: InitResponse, deployFailure: String) {
        var succeeded: [String: Int] = [:]
        for app in finished.apps { for action in app.actions { succeeded[action.id, default: 0] += 1 } }
        for (action, count) in succeeded {
            #expect(metrics.value(TelemetryMetric.actionsFinished, ["action": action, "outcome": "succeeded", "code": "none"]) == Double(count), "\(action)")
            #expect(metrics.value(TelemetryMetric.actionDuration + "_count", ["action": action, "outcome": "succeeded"]) == Double(count))
        }
        #expect(deployFailure == "BUILD_FAILED")
        #expect(metrics.value(TelemetryMetric.actionsFinished, ["action": "deploy", "outcome": "failed", "code": deployFailure]) == 1)
        #expect(metrics.value(TelemetryMetric.actionDuration + "_count", ["action": "deploy", "outcome": "failed"]) == 1)
        #expect(metrics.sum(TelemetryMetric.actionsFinished, where: ["outcome": "failed"]) == 1)
        let canceledActions = canceled.apps.flatMap(\.actions).map(\.id)
        for action in canceledActions {
            #expect(metrics.value(TelemetryMetric.actionsFinished, ["action": action, "outcome": "canceled", "code": "none"]) == 1, "\(action)")
        }
        #expect(metrics.sum(TelemetryMetric.actionsFinished, where: ["outcome": "canceled"]) == Double(canceledActions.count))
        #expect(metrics.value(TelemetryMetric.actionDuration + "_count", ["action": "fork-repository", "outcome": "canceled"]) == 1)
        #expect(metrics.sum(TelemetryMetric.actionDuration + "_count", where: ["outcome": "canceled"]) == 1)
    }

    /// One provider call retried within the fork (the secondary limit), one action triggered again (the deploy).
    static func expectRetries(_ metrics: PrometheusSamples, deployFailure: String) {
        #expect(metrics.value(TelemetryMetric.retries, ["kind": "provider_call", "action": "fork-repository", "code": "secondary_rate_limit"]) == 1)
        #expect(metrics.value(TelemetryMetric.retries, ["kind": "action", "action": "deploy", "code": deployFailure]) == 1)
        #expect(metrics.sum(TelemetryMetric.retries) == 2)
    }

    /// The calls counted per operation are the calls the sandbox received per route, and their statuses what it
    /// answered where the test knows them.
    static func expectProviderCalls(_ metrics: PrometheusSamples, sandbox: SandboxSnapshot) throws {
        var counted: [String: Double] = [:]
        for sample in metrics.samples where sample.name == TelemetryMetric.providerCalls {
            let operation = sample.labels["operation"] ?? "?"
            let route = try #require(sandboxRoutes[operation], "an operation the sandbox serves: \(operation)")
            counted[route, default: 0] += sample.value
        }
        #expect(counted == sandbox.calls.mapValues(Double.init))
        let fork = ["provider": "github", "operation": "repos/create-fork"]
        #expect(metrics.value(TelemetryMetric.providerCalls, fork.merging(["status": "403"]) { $1 }) == 1)
        #expect(metrics.value(TelemetryMetric.providerCalls, fork.merging(["status": "202"]) { $1 }) == 2)
        let generate = ["provider": "github", "operation": "repos/create-using-template", "status": "201"]
        #expect(metrics.value(TelemetryMetric.providerCalls, generate) == 1, "app-c is generated from its template")
        let deployments = ["provider": "vercel", "operation": "createDeployment"]
        #expect(metrics.value(TelemetryMetric.providerCalls, deployments.merging(["status": "200"]) { $1 }) == 3)
        #expect(metrics.sum(TelemetryMetric.providerCallDuration + "_count") == metrics.sum(TelemetryMetric.providerCalls))
    }

    /// Baton's operationIds and the sandbox's `METHOD /template` keys for the same calls.
    static let sandboxRoutes = [
        "users/get-authenticated": "GET /user",
        "apps/list-installations-for-authenticated-user": "GET /user/installations",
        "orgs/list-for-authenticated-user": "GET /user/orgs",
        "repos/get": "GET /repos/{owner}/{repo}",
        "repos/create-fork": "POST /repos/{owner}/{repo}/forks",
        "repos/create-using-template": "POST /repos/{template_owner}/{template_repo}/generate",
        "repos/get-branch": "GET /repos/{owner}/{repo}/branches/{branch}",
        "getAuthUser": "GET /v2/user",
        "getTeams": "GET /v2/teams",
        "createProject": "POST /v11/projects",
        "getProject": "GET /v9/projects/{idOrName}",
        "createProjectEnv": "POST /v10/projects/{idOrName}/env",
        "createDeployment": "POST /v13/deployments",
        "getDeployment": "GET /v13/deployments/{idOrUrl}",
        "cancelDeployment": "PATCH /v12/deployments/{id}/cancel",
        "getDeployments": "GET /v6/deployments",
        "addProjectDomain": "POST /v10/projects/{idOrName}/domains",
        "getProjectDomain": "GET /v9/projects/{idOrName}/domains/{domain}",
        "verifyProjectDomain": "POST /v9/projects/{idOrName}/domains/{domain}/verify",
        "getDomainConfig": "GET /v6/domains/{domain}/config",
    ]

    @Test("Without telemetry there is no /metrics route")
    func metricsAreOffByDefault() async throws {
        try await SandboxedServers.run { servers in
            let reply = try await servers.client.get("/metrics")
            #expect(reply.status == 404)
        }
    }
}

/// Sends `POST /api/deploy` requests and tallies them by mode and status, as `baton_requests_total` should.
struct TallyingClient {
    struct Key: Hashable {
        var mode: String
        var status: Int
    }

    let client: JSONClient
    private(set) var sent: [Key: Int] = [:]

    init(client: JSONClient) {
        self.client = client
    }

    mutating func post(_ json: String, token: String? = nil, mode: String) async throws -> JSONReply {
        let reply = try await client.post(json: json, token: token)
        sent[Key(mode: mode, status: reply.status), default: 0] += 1
        return reply
    }

    mutating func initialize(_ json: String) async throws -> InitResponse {
        let reply = try await post(json, mode: "init")
        guard reply.status == 201 else { throw TestFailure("init: \(reply.status) \(reply.text)") }
        return try reply.decode(InitResponse.self)
    }

    mutating func trigger(_ workflow: InitResponse, _ app: String, _ action: String) async throws -> ActionStatus {
        let json = #"{"mode":"trigger","workflowId":"\#(workflow.workflowID)","app":"\#(app)","action":"\#(action)"}"#
        return try await post(json, token: workflow.token, mode: "trigger").decode(ActionStatus.self)
    }

    /// Triggers the action and long-polls it until it finished.
    mutating func run(_ workflow: InitResponse, _ app: String, _ action: String) async throws -> ActionStatus {
        var status = try await trigger(workflow, app, action)
        let deadline = ContinuousClock.now + .seconds(60)
        while !status.state.isTerminal {
            guard ContinuousClock.now < deadline else { throw TestFailure("\(app)/\(action) did not finish: \(status.message)") }
            let json = #"{"mode":"status","workflowId":"\#(workflow.workflowID)","app":"\#(app)","action":"\#(action)","waitMs":5000}"#
            status = try await post(json, token: workflow.token, mode: "status").decode(ActionStatus.self)
        }
        return status
    }
}

/// Scrapes `GET /metrics`, checking its media type, and counts the scrapes.
struct Scraper {
    let client: JSONClient
    private(set) var count = 0
    private(set) var lastText = ""

    init(client: JSONClient) {
        self.client = client
    }

    mutating func scrape() async throws -> PrometheusSamples {
        let reply = try await client.get("/metrics")
        count += 1
        #expect(reply.status == 200)
        #expect(reply.headers["content-type"] == "text/plain; version=0.0.4")
        lastText = reply.text
        return try PrometheusSamples(reply.text)
    }
}
