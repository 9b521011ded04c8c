import BatonCore
import Foundation
import Testing

/// The Swift names spell initialisms in capitals (`workflowID`); the JSON keys and the deprecated `…Id` names stay.
@Suite("ID spellings")
struct DeprecatedSpellingTests {
    @Test("the JSON keys keep their spelling")
    func jsonKeys() throws {
        let plan = InitResponse(workflowID: "wf_1", token: "bt_1", definitionVersion: "v1", apps: [])
        let json = try #require(String(data: try JSONEncoder().encode(plan), encoding: .utf8))
        #expect(json.contains(#""workflowId":"wf_1""#))
        #expect(try JSONDecoder().decode(InitResponse.self, from: Data(json.utf8)) == plan)
        let target = try JSONEncoder().encode(VercelTarget(teamID: "team_1"))
        #expect(String(data: target, encoding: .utf8) == #"{"teamId":"team_1"}"#)
    }

    @available(*, deprecated)
    @Test("the old names still work")
    func deprecatedAliases() {
        var plan = InitResponse(workflowId: "wf_1", token: "bt_1", definitionVersion: "v1", apps: [])
        plan.workflowId = "wf_2"
        #expect(plan.workflowID == "wf_2" && VercelTarget(teamId: "team_1").teamID == "team_1")
    }
}
