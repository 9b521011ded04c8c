import BatonCore
@testable import BatonServer
import Testing

/// What a request's span is labeled with comes from the client: ids are kept short, whatever a stranger sends.
@Suite("Request facts")
struct RequestFactsTests {
    @Test("Ids a client sent are cut to 100 characters; ordinary ones are kept whole")
    func clientIDsAreBounded() {
        let long = String(repeating: "x", count: 500_000)
        let facts = RequestFacts()
        facts.record(.status(StatusQuery(workflowID: long, app: long, action: "deploy")))
        #expect(facts.values.workflowID == String(repeating: "x", count: RequestFacts.longestID) + "…")
        #expect(facts.values.app?.count == RequestFacts.longestID + 1)
        #expect(facts.values.action == "deploy")

        let ordinary = RequestFacts()
        let workflowID = "wf_" + String(repeating: "a", count: 32)
        ordinary.record(.trigger(ActionReference(workflowID: workflowID, app: "app-a", action: "deploy")))
        #expect(ordinary.values.workflowID == workflowID && ordinary.values.app == "app-a" && ordinary.values.mode == "trigger")
    }
}
