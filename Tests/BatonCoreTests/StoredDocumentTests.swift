import BatonCore
import Foundation
import Testing

@testable import BatonStores

/// The document SQL stores keep is written by hand; it must say what `JSONEncoder` says about the record, so
/// `JSONDecoder` reads it, and rows written by `JSONEncoder` before stay readable.
@Suite("Stored workflow document")
struct StoredDocumentTests {
    /// A record with every optional field set and strings that need escaping.
    private static func fullRecord() -> WorkflowRecord {
        var record = Fixtures.record()
        record.config.vercel = VercelTarget(teamID: "team_1")
        record.principal = "key:ci \"deploy\""
        record.ownAccounts = true
        record.canceled = true
        record.updatedAt = Fixtures.start.addingTimeInterval(12.345_678_9)
        record.version = 7
        var action = record.apps[0].actions[0]
        action.state = .failed
        action.attempt = 3
        action.message = "Quote \" backslash \\ slash / newline \n tab \t bell \u{07} unicode é 日本 🚀 \u{2028}"
        action.outputs = [
            "url": "https://github.com/acme/app-a",
            "records": [["type": "CNAME", "name": "a", "ttl": 3600, "proxied": false, "extra": nil]],
            "ratio": .number(0.1), "big": .number(1e300), "small": .number(-2.5e-8), "whole": .number(-42),
        ]
        action.error = ActionFailure(code: "rate_limited", message: "Slow down\r\n", retryable: true, fix: "Wait \"a\" minute")
        action.checkpoint = ["phase": "copying", "polls": 2, "ids": [1, .number(2.5), "x", true, nil]]
        action.nextPollAt = Fixtures.start.addingTimeInterval(1.25)
        action.lease = Fixtures.lease(until: Fixtures.start.addingTimeInterval(10.000_001))
        action.updatedAt = Fixtures.start.addingTimeInterval(0.1)
        action.startedAt = Fixtures.start.addingTimeInterval(0.05)
        action.deadline = ActionDeadline(at: Fixtures.start.addingTimeInterval(600.5), setting: "deploy.build", limitSeconds: 3000)
        action.phase = "build"
        action.phaseEnteredAt = Fixtures.start.addingTimeInterval(0.5)
        action.capacityWaitSeconds = 42.25
        action.progress = ["deploymentId": "dpl_1", "inspectorUrl": nil, "readyState": "BUILDING"]
        action.pendingStop = PendingStop(since: Fixtures.start.addingTimeInterval(2), notBefore: Fixtures.start.addingTimeInterval(9.75),
                                         lastProblem: "Vercel answered 502")
        action.sequence = 12
        action.handedSecrets = Data([0, 1, 2, 250, 251, 252, 253, 254, 255])
        record.apps[0].actions[0] = action
        record.history = [
            HistoryEntry(at: Fixtures.start.addingTimeInterval(0.05), app: "app-a", action: action.id, from: .pending, to: .running,
                         attempt: 1, message: "Starting"),
            HistoryEntry(at: Fixtures.start.addingTimeInterval(0.1), app: "app-a", action: action.id, from: .running, to: .failed,
                         attempt: 3, message: "Slow \"down\""),
        ]
        return record
    }

    @Test func writesWhatJSONEncoderWrites() throws {
        for record in [Self.fullRecord(), Fixtures.record(domain: nil, envApps: [])] {
            var fields = record
            fields.apps = []
            fields.sealedEnv = [:]
            fields.history = []
            #expect(try JSONParser.parse(try StoredDocument.encodeFields(record)) == JSONParser.parse(try JSONEncoder().encode(fields)))
            for app in record.apps {
                #expect(try JSONParser.parse(try StoredDocument.encode(app)) == JSONParser.parse(try JSONEncoder().encode(app)))
            }
            for entry in record.history {
                #expect(try JSONParser.parse(try StoredDocument.encode(entry)) == JSONParser.parse(try JSONEncoder().encode(entry)))
            }
        }
    }

    @Test func readsBackTheSameParts() throws {
        let record = Self.fullRecord()
        var fields = try StoredDocument.decodeFields(try StoredDocument.encodeFields(record), version: record.version)
        fields.apps = try record.apps.map { try StoredDocument.decodeApp(try StoredDocument.encode($0), version: $0.version) }
        fields.sealedEnv = record.sealedEnv
        fields.history = try record.history.map { try StoredDocument.decodeEntry(try StoredDocument.encode($0)) }
        #expect(fields == record)
    }

    @Test func readsWholeDocumentsSchemaV1Wrote() throws {
        // Schema v1 kept a workflow as one document, written by JSONEncoder's format; migrations read it whole.
        let record = Self.fullRecord()
        #expect(try StoredDocument.decodeLegacyWorkflow(try JSONEncoder().encode(record), version: record.version) == record)
    }

    @Test func refusesNumbersJSONCannotHold() {
        var record = Self.fullRecord()
        record.apps[0].actions[0].outputs = ["bad": .number(.infinity)]
        #expect(throws: JSONByteWriter.NonFiniteNumber.self) { try StoredDocument.encode(record.apps[0]) }
    }
}
