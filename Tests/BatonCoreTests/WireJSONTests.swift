import BatonCore
import Foundation
import Testing

/// The wire types that write their own JSON write what `JSONEncoder` writes for them: the same document (every key,
/// `null` where the encoder puts `null`), which the client's decoder reads back to the same value.
@Suite("Wire JSON writers")
struct WireJSONTests {
    /// Whole milliseconds: the wire keeps no finer time.
    static let at = Date(timeIntervalSince1970: 1_764_590_400.25)

    static func status(_ variant: Int) -> ActionStatus {
        let awkward = "quote \" backslash \\ newline \n tab \t control \u{01} slash / emoji 🚀 é"
        return ActionStatus(
            app: "app-\(variant)", action: "deploy", title: "Deploy to Vercel", state: ActionState.allCases[variant % 5],
            attempt: variant, message: variant.isMultiple(of: 2) ? "Building" : awkward,
            pollAfterMs: variant.isMultiple(of: 3) ? nil : 250 * variant,
            outputs: variant == 0 ? [:] : [
                "url": .string("https://acme-app.vercel.app"), "count": .number(3), "ratio": .number(0.125),
                "big": .number(1e21), "negative": .number(-7.5), "flag": .bool(true), "nothing": .null,
                "records": .array([.object(["type": .string("CNAME"), "value": .string(awkward)])]),
            ],
            error: variant.isMultiple(of: 2) ? nil : ActionFailure(
                code: "rate_limited", message: awkward, retryable: true, fix: variant == 1 ? nil : "Wait a minute."),
            updatedAt: at.addingTimeInterval(Double(variant)),
            startedAt: variant == 0 ? nil : at, deadlineAt: variant.isMultiple(of: 2) ? at.addingTimeInterval(600) : nil,
            progress: variant == 2 ? ["deploymentId": .string("dpl_1"), "readyState": .string("BUILDING")] : nil,
            sequence: variant * 7
        )
    }

    /// Both texts as JSON values (key order aside, which JSON does not give meaning to).
    private static func sameDocument(_ written: [UInt8], _ encoded: Data) throws -> Bool {
        try JSONDecoder().decode(JSONValue.self, from: Data(written)) == JSONDecoder().decode(JSONValue.self, from: encoded)
    }

    @Test(arguments: 0..<6)
    func anActionStatusIsWrittenAsTheEncoderWritesIt(variant: Int) throws {
        let status = Self.status(variant)
        let written = try status.jsonBytes()
        #expect(try Self.sameDocument(written, BatonJSON.makeEncoder().encode(status)), "\(String(decoding: written, as: UTF8.self))")
        #expect(try BatonJSON.makeDecoder().decode(ActionStatus.self, from: Data(written)) == status)
    }

    @Test(arguments: [false, true])
    func aWorkflowStatusIsWrittenAsTheEncoderWritesIt(withHistory: Bool) throws {
        let apps = (0..<3).map { index in
            AppStatus(id: "app-\(index)", name: "App \(index)", state: .running, actions: (0..<3).map { Self.status(index + $0) })
        }
        let history = withHistory
            ? [HistoryEntry(at: Self.at, app: "app-0", action: "deploy", from: .pending, to: .running, attempt: 1, message: "Started \"now\"")]
            : nil
        let status = WorkflowStatus(
            workflowID: "wf_1", state: .running, definitionVersion: "v1", apps: apps, history: history,
            pendingCancellations: withHistory ? [PendingCancellation(app: "app-1", action: "deploy", message: "Stopping")] : []
        )
        let written = try status.jsonBytes()
        #expect(try Self.sameDocument(written, BatonJSON.makeEncoder().encode(status)))
        #expect(try BatonJSON.makeDecoder().decode(WorkflowStatus.self, from: Data(written)) == status)
    }

    @Test func aNumberJSONCannotHoldIsRefusedAsTheEncoderRefusesIt() {
        var status = Self.status(1)
        status.outputs["bad"] = .number(.infinity)
        #expect(throws: JSONByteWriter.NonFiniteNumber.self) { _ = try status.jsonBytes() }
        #expect(throws: (any Error).self) { _ = try BatonJSON.makeEncoder().encode(status) }
    }
}
