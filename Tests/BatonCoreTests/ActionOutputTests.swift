import BatonCore
import Foundation
import Logging
import Testing

/// The typed outputs of the built-in actions write exactly the JSON the wire has always carried, and read back what
/// they wrote; a later action asking for outputs that are missing or mistyped gets a ``MissingActionOutput`` naming
/// the action.
@Suite("Action outputs")
struct ActionOutputTests {
    /// Each built-in action's output, with the dictionary the action stored before outputs were typed.
    static let cases: [(output: any ActionOutput, stored: [String: JSONValue])] = [
        (ForkRepositoryOutput(
            fullName: "acme/app-a", owner: "acme", name: "app-a", url: "https://github.com/acme/app-a",
            repositoryID: 81_234_567, defaultBranch: "main"
        ), [
            "fullName": "acme/app-a", "owner": "acme", "name": "app-a", "url": "https://github.com/acme/app-a",
            "repositoryId": .number(81_234_567), "defaultBranch": "main",
        ]),
        (CreateProjectOutput(projectID: "prj_1", name: "acme-app-a", dashboardURL: "https://vercel.com/team_1/acme-app-a"), [
            "projectId": "prj_1", "name": "acme-app-a", "dashboardUrl": "https://vercel.com/team_1/acme-app-a",
        ]),
        (ConfigureEnvOutput(keys: ["ANALYTICS_ID", "DATABASE_URL"]), ["keys": ["ANALYTICS_ID", "DATABASE_URL"]]),
        (DeployOutput(deploymentID: "dpl_1", url: "https://acme-app-a.vercel.app", inspectorURL: "https://vercel.com/i/dpl_1"), [
            "deploymentId": "dpl_1", "url": "https://acme-app-a.vercel.app", "inspectorUrl": "https://vercel.com/i/dpl_1",
        ]),
        (DeployOutput(deploymentID: "dpl_2", url: "https://acme-app-a.vercel.app", inspectorURL: nil), [
            "deploymentId": "dpl_2", "url": "https://acme-app-a.vercel.app", "inspectorUrl": .null,
        ]),
        (AssignDomainOutput(domain: "a.example.com", apexName: "example.com", verified: false), [
            "domain": "a.example.com", "apexName": "example.com", "verified": false,
        ]),
        (PresentDNSOutput(domain: "a.example.com", records: [
            DNSRecord(type: "CNAME", name: "a", value: "cname.vercel-dns.com"),
            DNSRecord(type: "TXT", name: "_vercel", value: "vc-domain-verify=a.example.com,1"),
        ], verified: true), [
            "domain": "a.example.com",
            "records": [
                ["type": "CNAME", "name": "a", "value": "cname.vercel-dns.com"],
                ["type": "TXT", "name": "_vercel", "value": "vc-domain-verify=a.example.com,1"],
            ],
            "verified": true,
        ]),
    ]

    @Test(arguments: 0..<ActionOutputTests.cases.count)
    func eachOutputStoresTodaysKeysAndReadsThemBack(index: Int) throws {
        let (output, stored) = Self.cases[index]
        #expect(try output.encodedOutputs() == stored)
        #expect(try Self.reads(stored, back: output))
    }

    @Test func theDeployAndPresentDNSOutputsWriteTheSameJSONText() throws {
        let deploy = DeployOutput(deploymentID: "dpl_2", url: "https://acme-app-a.vercel.app", inspectorURL: nil)
        #expect(try Self.text(deploy) == #"{"deploymentId":"dpl_2","inspectorUrl":null,"url":"https://acme-app-a.vercel.app"}"#)
        let dns = PresentDNSOutput(domain: "example.com", records: [DNSRecord(type: "A", name: "@", value: "76.76.21.21")], verified: false)
        #expect(try Self.text(dns) == #"{"domain":"example.com","records":[{"name":"@","type":"A","value":"76.76.21.21"}],"verified":false}"#)
        let fork = Self.cases[0].output
        #expect(try Self.text(fork).contains(#""repositoryId":81234567,"#))
    }

    @Test func succeededStoresTheEncodedDictionary() throws {
        for (output, stored) in Self.cases {
            #expect(try ActionOutcome.succeeded(output, message: "done") == .succeeded(outputs: stored, message: "done"))
        }
    }

    @Test func aLaterActionReadsAnEarlierActionsOutput() throws {
        let context = Self.context(outputs: [
            CreateProjectOutput.actionID: ["projectId": "prj_1", "name": "acme-app-a", "dashboardUrl": "https://vercel.com/x"],
        ])
        #expect(try context.output(CreateProjectOutput.self).projectID == "prj_1")
        #expect(try context.output([String: String].self, of: WorkflowDefinition.ActionID.createProject)["name"] == "acme-app-a")
    }

    @Test func missingOutputsNameTheAction() throws {
        let error = try #require(throws: MissingActionOutput.self) { try Self.context(outputs: [:]).output(CreateProjectOutput.self) }
        #expect(error.action == "create-project")
        #expect(error.description == "missing output of create-project: it has no outputs yet")
    }

    @Test func mistypedOutputsNameTheActionAndTheKey() throws {
        let lacking = Self.context(outputs: ["create-project": ["name": "acme-app-a", "dashboardUrl": "https://vercel.com/x"]])
        let missingKey = try #require(throws: MissingActionOutput.self) { try lacking.output(CreateProjectOutput.self) }
        #expect(missingKey.action == "create-project")
        #expect(missingKey.description == "missing output of create-project: its outputs lack projectId")

        let mistyped = Self.context(outputs: ["create-project": ["projectId": 7, "name": "acme-app-a", "dashboardUrl": "x"]])
        let wrongType = try #require(throws: MissingActionOutput.self) { try mistyped.output(CreateProjectOutput.self) }
        #expect(wrongType.action == "create-project")
        #expect(wrongType.description == "missing output of create-project: its output projectId is not String")
    }

    @Test func aStatusShowsItsOutputOnceSucceeded() {
        var status = ActionStatus(
            app: "app-a", action: "deploy", title: "Deploy", state: .running, attempt: 1, message: "Building", pollAfterMs: 1000,
            outputs: Self.cases[3].stored, error: nil, updatedAt: Date(timeIntervalSince1970: 0)
        )
        #expect(status.output(DeployOutput.self) == nil)
        status.state = .succeeded
        #expect(status.output(DeployOutput.self)?.url == "https://acme-app-a.vercel.app")
        #expect(status.output(PresentDNSOutput.self) == nil)
    }

    /// Whether `stored` decodes as `output`'s type to `output`.
    private static func reads<Output: ActionOutput>(_ stored: [String: JSONValue], back output: Output) throws -> Bool {
        try JSONValue.object(stored).decode(as: Output.self) == output
    }

    /// The outputs as JSON text with sorted keys, as the engine stores and sends the dictionary.
    private static func text(_ output: some ActionOutput) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(JSONValue.object(try output.encodedOutputs())), as: UTF8.self)
    }

    private static func context(outputs: [String: [String: JSONValue]]) -> ActionContext {
        ActionContext(
            workflowID: "wf_test", actionID: "deploy", app: Catalog.builtIn.app("app-a")!,
            config: WorkflowConfig(apps: ["app-a"], github: GitHubTarget(owner: "acme")), outputs: outputs,
            envValues: [:], attempt: 1, deadline: Date(timeIntervalSince1970: 60), logger: Logger(label: "test")
        )
    }
}
