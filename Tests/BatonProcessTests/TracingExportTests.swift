import AsyncHTTPClient
import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// `baton serve --sandbox --otel-endpoint URL` sends its spans to an OTLP/HTTP collector the test runs: a span per
/// request, per action step and per provider call, linked parent to child, named by workflow, app and action, and
/// carrying no secret; without the flag nothing is sent.
@Suite("Spans over OTLP", .serialized)
struct TracingExportTests {
    static let envValue = "postgres://user:otel-s3cret-value@db.example.com/app"
    static let githubToken = "ghp_otelTestTokenNeverExported"

    @Test("A deployment's request, step and provider-call spans reach the collector, linked, without secrets")
    func spansReachTheCollector() async throws {
        try await OTLPReceiver.run { receiver, collectorURL in
            // A hosted collector's key travels in OTEL_EXPORTER_OTLP_HEADERS; it must not reach the log.
            let headers = ["OTEL_EXPORTER_OTLP_HEADERS": "x-api-key=\(Self.collectorKey)"]
            try await Self.withServe(arguments: ["--otel-endpoint", collectorURL], environment: headers) { serve, _, folder in
            let home = folder.appendingPathComponent("home").path
            let deploy = try await BatonRun.runDetached(
                ["deploy", "--server", serve.baseURL, "--owner", "acme", "--apps", "app-a",
                 "--env", "app-a:DATABASE_URL=\(Self.envValue)", "--json"],
                environment: ["BATON_HOME": home])
            #expect(deploy.status == 0, "\(deploy.output)\n\(deploy.errors)")
            let workflowID = try #require(Self.workflowID(in: deploy.output))
            let token = try Self.token(of: workflowID, home: home)

            // The exporter sends a batch every 100 ms (OTEL_BSP_SCHEDULE_DELAY); wait for the deploy's last step and
            // every step's request (a request's span ends after its steps', so it may come in a later batch).
            let spans = try await Self.waitForSpans(receiver) { spans in
                let ids = Set(spans.map(\.spanID))
                return spans.contains { $0.name == "step deploy" && $0.attributes["baton.step.outcome"] == "succeeded" }
                    && spans.filter { $0.name.hasPrefix("step ") }.allSatisfy { ids.contains($0.parentSpanID ?? "") }
            }
            let byID = Dictionary(spans.map { ($0.spanID, $0) }, uniquingKeysWith: { first, _ in first })

            let requests = spans.filter { $0.name == "POST /api/deploy" }
            #expect(requests.allSatisfy { $0.kind.contains("SERVER") || $0.kind == "2" }, "\(requests.map(\.kind))")
            #expect(requests.contains { $0.attributes["baton.mode"] == "init" && $0.attributes["baton.workflow.id"] == workflowID })
            #expect(requests.contains {
                $0.attributes["baton.mode"] == "trigger" && $0.attributes["baton.workflow.id"] == workflowID
                    && $0.attributes["baton.app"] == "app-a" && $0.attributes["baton.action"] == "deploy"
                    && $0.attributes["http.route"] == "/api/deploy"
                    && ["200", "202"].contains($0.attributes["http.response.status_code"] ?? "")
            })

            var steps: [ExportedSpan] = []
            for span in spans where span.name.hasPrefix("step ") { steps.append(span) }
            #expect(Set(steps.compactMap { $0.attributes["baton.action"] })
                == ["fork-repository", "create-project", "configure-env", "deploy"])
            for step in steps {
                #expect(step.attributes["baton.workflow.id"] == workflowID && step.attributes["baton.app"] == "app-a", "\(step)")
                let parent = try #require(step.parentSpanID.flatMap { byID[$0] }, "a step's parent is exported: \(step)")
                #expect(parent.name == "POST /api/deploy" && parent.traceID == step.traceID, "a step runs in its request: \(parent)")
            }

            let calls = spans.filter { $0.attributes["baton.provider"] != nil }
            #expect(Set(calls.compactMap { $0.attributes["baton.operation"] })
                .isSuperset(of: ["repos/create-fork", "createProject", "createProjectEnv", "createDeployment", "getDeployment"]))
            for call in calls {
                #expect(call.kind.contains("CLIENT") || call.kind == "3", "\(call)")
                let step = try #require(call.parentSpanID.flatMap { byID[$0] }, "a call's parent is exported: \(call)")
                #expect(step.name.hasPrefix("step ") && step.traceID == call.traceID, "a call runs in a step: \(call) in \(step)")
            }
            let createDeployment = try #require(calls.first { $0.attributes["baton.operation"] == "createDeployment" })
            #expect(createDeployment.attributes["baton.provider"] == "vercel")
            #expect(createDeployment.attributes["http.request.method"] == "POST")
            #expect(byID[createDeployment.parentSpanID ?? ""]?.attributes["baton.action"] == "deploy")

            let exported = receiver.received.reduce(Data(), +)
            for secret in [token, Self.githubToken, "otel-s3cret-value", "DATABASE_URL=postgres"] {
                #expect(exported.range(of: Data(secret.utf8)) == nil, "\(secret) is never exported")
            }
            let log = try String(contentsOfFile: serve.logPath, encoding: .utf8)
            #expect(!log.contains(Self.collectorKey), "the collector's key stays out of the log:\n\(log)")
            #expect(log.contains("exporting spans over OTLP/HTTP") && log.contains("\(collectorURL)/v1/traces"), "\(log)")
            }
        }
    }

    @Test("Without --otel-endpoint nothing is exported, even with OTEL_EXPORTER_OTLP_ENDPOINT set")
    func nothingIsExportedWithoutTheFlag() async throws {
        try await OTLPReceiver.run { receiver, collectorURL in
            try await Self.withServe(arguments: [], environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": collectorURL]) { serve, http, _ in
            let client = JSONClient(http: http, baseURL: serve.baseURL)
            let (reply, workflow) = try await client.initialize(apps: ["app-b"], domain: nil, envVars: "{}")
            #expect(reply.status == 201)
            #expect(try await client.trigger(workflow, "app-b", "fork-repository").status == 202)
            #expect(try await client.get("/metrics").status == 200, "metrics stay on")
            try await Task.sleep(for: .seconds(1))
            #expect(receiver.received.isEmpty)
            }
        }
    }

    /// Runs `body` with `baton serve --sandbox` (quick forks and builds, exporting every 100 ms as JSON when it exports
    /// at all), an HTTP client and a scratch folder; stops both afterwards.
    static func withServe(
        arguments: [String], environment: [String: String] = [:],
        _ body: (ServerProcess, HTTPClient, URL) async throws -> Void
    ) async throws {
        let folder = try ProcessEnvironment.scratchFolder("otel")
        let http = ProcessEnvironment.makeHTTPClient()
        do {
            let serve = try await startServe(folder: folder, http: http, arguments: arguments, environment: environment)
            defer { serve.kill() }
            try await body(serve, http, folder)
        } catch {
            try await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }

    private static func startServe(
        folder: URL, http: HTTPClient, arguments: [String], environment: [String: String]
    ) async throws -> ServerProcess {
        try await ServerProcess.start(
            "serve", arguments: { port in
                ["serve", "--sandbox", "--store", "memory", "--port", "\(port)",
                 "--sandbox-fork-seconds", "0.2", "--sandbox-build-seconds", "0.3"] + arguments
            },
            readinessPath: "/healthz",
            environment: ProcessEnvironment.childEnvironment(adding: [
                "OTEL_EXPORTER_OTLP_PROTOCOL": "http/json", "OTEL_BSP_SCHEDULE_DELAY": "100", "GITHUB_TOKEN": githubToken,
            ].merging(environment) { $1 }),
            folder: folder, http: http)
    }

    /// The collector's API key the exporter is given; never logged.
    static let collectorKey = "collector-k3y-never-logged"

    /// The spans received once `done` holds of them (within 20 s).
    static func waitForSpans(_ receiver: OTLPReceiver, until done: ([ExportedSpan]) -> Bool) async throws -> [ExportedSpan] {
        let deadline = ContinuousClock.now + .seconds(20)
        while true {
            let spans = try receiver.spans()
            if done(spans) { return spans }
            guard ContinuousClock.now < deadline else {
                throw OTLPReceiverError("the spans expected did not arrive; received: \(spans.map(\.description))")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// The workflow id of `baton deploy --json`'s `plan` event.
    static func workflowID(in output: String) -> String? {
        for line in output.split(separator: "\n") {
            guard let event = try? JSONDecoder().decode([String: JSONValue].self, from: Data(line.utf8)),
                  event["event"]?.stringValue == "plan" else { continue }
            return event["workflowId"]?.stringValue
        }
        return nil
    }

    /// The bearer token `baton deploy` kept for the workflow.
    static func token(of workflowID: String, home: String) throws -> String {
        let file = URL(fileURLWithPath: home).appendingPathComponent("workflows/\(workflowID).json")
        let stored = try JSONDecoder().decode([String: JSONValue].self, from: Data(contentsOf: file))
        return try #require(stored["token"]?.stringValue, "the token file holds the token")
    }
}
