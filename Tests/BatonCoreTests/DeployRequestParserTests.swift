import BatonCore
import Foundation
import Testing

@Suite("Request validation")
struct DeployRequestParserTests {
    let parser = DeployRequestParser(catalog: .builtIn)

    private func parse(_ json: String) throws(APIError) -> DeployCommand {
        // Test inputs are literals: a decoding failure is a bug in the test itself.
        let value = try! JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        return try parser.parse(value)
    }

    private func issues(_ json: String) -> [FieldIssue] {
        do {
            _ = try parse(json)
            Issue.record("expected validation to fail")
            return []
        } catch {
            #expect(error.code == "validation_failed")
            return error.details
        }
    }

    @Test func acceptsAFullInitRequest() throws {
        let command = try parse("""
            {"mode":"init","config":{"apps":["app-a","app-b"],"github":{"owner":"acme"},"vercel":{"teamId":"team_1"},"domain":"Example.com"},
             "envVars":{"app-a":{"DATABASE_URL":"postgres://db"}}}
            """)
        let expected = InitRequest(
            config: WorkflowConfig(apps: ["app-a", "app-b"], github: GitHubTarget(owner: "acme"), vercel: VercelTarget(teamID: "team_1"), domain: "example.com"),
            envVars: ["app-a": ["DATABASE_URL": "postgres://db"]]
        )
        #expect(command == .initialize(expected))
    }

    @Test func acceptsTheUsersOwnAccounts() throws {
        let command = try parse("""
            {"mode":"init","config":{"apps":["app-b"],"github":{"owner":"octo-alice"}},
             "accounts":{"github":"connected","vercel":{"token":"vca_abc123"}}}
            """)
        guard case .initialize(let request) = command else {
            Issue.record("not an init")
            return
        }
        #expect(request.accounts == [.github: .connected, .vercel: .token("vca_abc123")])
    }

    @Test func accountsNameEveryProblemAndNeverEchoTheToken() {
        let halfOnly = issues(#"{"mode":"init","config":{"apps":["app-b"],"github":{"owner":"a"}},"accounts":{"github":"connected"}}"#)
        #expect(halfOnly.map(\.path) == ["accounts.vercel"])
        #expect(halfOnly.first?.message.contains("every provider or at none") == true)
        let wrong = issues("""
            {"mode":"init","config":{"apps":["app-b"],"github":{"owner":"a"}},
             "accounts":{"github":"mine","vercel":{"token":"has space secret-ish","extra":1},"gitlab":"connected"}}
            """)
        #expect(wrong.map(\.path).sorted() == ["accounts.github", "accounts.gitlab", "accounts.vercel.extra", "accounts.vercel.token"])
        #expect(!wrong.map(\.message).joined().contains("secret-ish"), "a token is never repeated back")
        let empty = issues(#"{"mode":"init","config":{"apps":["app-b"],"github":{"owner":"a"}},"accounts":{"github":{"token":""},"vercel":7}}"#)
        #expect(empty.map(\.path).sorted() == ["accounts.github.token", "accounts.vercel"])
    }

    @Test func listsEveryProblemAtOnce() {
        let found = issues("""
            {"mode":"init","extra":1,"config":{"apps":["app-a","nope","app-a",7],"github":{"owner":"-bad-"},"vercel":{"teamId":"t1"},"domain":"not a domain","color":"red"},
             "envVars":{"app-a":{"lower":"x","UNDECLARED":"y","ANALYTICS_ID":""},"app-c":{"X":"1"}}}
            """)
        let paths = found.map(\.path)
        #expect(Set(paths) == [
            "extra", "config.color", "config.apps[1]", "config.apps[2]", "config.apps[3]", "config.github.owner",
            "config.vercel.teamId", "config.domain", "envVars.app-a.lower", "envVars.app-a.UNDECLARED",
            "envVars.app-a.ANALYTICS_ID", "envVars.app-c", "envVars.app-a.DATABASE_URL",
        ])
        #expect(found.count == paths.count)
        #expect(found.first { $0.path == "config.apps[2]" }?.message == "'app-a' is listed twice")
        #expect(found.first { $0.path == "envVars.app-a.DATABASE_URL" }?.message.hasPrefix("is required") == true)
    }

    @Test func requiresConfigAppsAndOwner() {
        #expect(issues(#"{"mode":"init"}"#).map(\.path) == ["config"])
        #expect(Set(issues(#"{"mode":"init","config":{}}"#).map(\.path)) == ["config.apps", "config.github"])
        #expect(Set(issues(#"{"mode":"init","config":{"apps":[],"github":{}}}"#).map(\.path)) == ["config.apps", "config.github.owner"])
        #expect(issues(#"{"mode":"init","config":{"apps":"app-a","github":{"owner":"a"}}}"#).map(\.path) == ["config.apps"])
    }

    @Test func historyIsAskedForTheWholeWorkflowOnly() throws {
        #expect(try parse(#"{"mode":"status","workflowId":"wf_1","history":true}"#)
            == .status(StatusQuery(workflowID: "wf_1", includeHistory: true)))
        #expect(try parse(#"{"mode":"status","workflowId":"wf_1"}"#) == .status(StatusQuery(workflowID: "wf_1")))
        #expect(issues(#"{"mode":"status","workflowId":"wf_1","history":"yes"}"#).map(\.path) == ["history"])
        let withAction = issues(#"{"mode":"status","workflowId":"wf_1","app":"app-a","action":"deploy","history":true}"#)
        #expect(withAction.map(\.path) == ["history"])
        #expect(withAction.first?.message.contains("whole workflow") == true)
    }

    @Test func rejectsOversizedEnvValues() {
        let big = String(repeating: "x", count: ValidationLimits.standard.maxEnvValueBytes + 1)
        let found = issues(#"{"mode":"init","config":{"apps":["app-a"],"github":{"owner":"a"}},"envVars":{"app-a":{"DATABASE_URL":"\#(big)"}}}"#)
        #expect(found.map(\.path) == ["envVars.app-a.DATABASE_URL"])
        #expect(found.first?.message.contains("at most") == true)
    }

    @Test func rejectsNonStringEnvValues() {
        let found = issues(#"{"mode":"init","config":{"apps":["app-a"],"github":{"owner":"a"}},"envVars":{"app-a":{"DATABASE_URL":5}}}"#)
        #expect(found.map(\.path) == ["envVars.app-a.DATABASE_URL"])
    }

    @Test func unknownModeHasItsOwnCode() {
        do {
            _ = try parse(#"{"mode":"launch"}"#)
            Issue.record("expected unknown_mode")
        } catch {
            #expect(error.code == "unknown_mode")
        }
    }

    @Test func modeMustBeGiven() {
        #expect(issues(#"{"workflowId":"wf_1"}"#).map(\.path) == ["mode"])
        #expect(issues(#"[1,2]"#).map(\.path) == ["body"])
    }

    @Test func parsesTriggerStatusAndCancel() throws {
        #expect(try parse(#"{"mode":"trigger","workflowId":"wf_1","app":"app-a","action":"deploy"}"#)
            == .trigger(ActionReference(workflowID: "wf_1", app: "app-a", action: "deploy")))
        #expect(try parse(#"{"mode":"status","workflowId":"wf_1","app":"app-a","action":"deploy","waitMs":5000}"#)
            == .status(StatusQuery(workflowID: "wf_1", app: "app-a", action: "deploy", waitMs: 5000)))
        #expect(try parse(#"{"mode":"status","workflowId":"wf_1"}"#) == .status(StatusQuery(workflowID: "wf_1")))
        #expect(try parse(#"{"mode":"cancel","workflowId":"wf_1"}"#) == .cancel(workflowID: "wf_1"))
    }

    @Test func checksTriggerAndStatusFields() {
        #expect(Set(issues(#"{"mode":"trigger","workflowId":1,"verbose":true}"#).map(\.path)) == ["workflowId", "app", "action", "verbose"])
        #expect(issues(#"{"mode":"status","workflowId":"wf_1","app":"app-a"}"#).map(\.path) == ["action"])
        #expect(issues(#"{"mode":"status","workflowId":"wf_1","waitMs":-1}"#).map(\.path) == ["waitMs"])
        #expect(issues(#"{"mode":"status","workflowId":"wf_1","waitMs":1.5}"#).map(\.path) == ["waitMs"])
        #expect(issues(#"{"mode":"cancel"}"#).map(\.path) == ["workflowId"])
    }
}
