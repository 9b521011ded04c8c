import BatonCore
import Foundation

/// Writes a ``WorkflowRecord`` as the JSON document SQL stores keep: the same keys and value formats as the
/// record's `Codable` conformance with a default `JSONEncoder`, so `JSONDecoder` reads it (and rows written
/// before this writer existed read the same way), at a small fraction of `JSONEncoder`'s cost.
///
/// Every step of an action writes the whole document twice (its claim, then its outcome), which made
/// `JSONEncoder` the largest cost of a step. A test compares this writer's output with `JSONEncoder`'s for a
/// record with every field set, so a field added to the record but not here fails it.
enum WorkflowDocumentWriter {
    static func write(_ record: WorkflowRecord) throws -> [UInt8] {
        var writer = JSONByteWriter(capacity: 2048 + record.history.count * 160 + record.apps.count * 1600)
        try writer.object { writer in
            writer.member("id"); writer.string(record.id)
            writer.member("tokenHash"); writer.string(record.tokenHash)
            if let principal = record.principal {
                writer.member("principal"); writer.string(principal)
            }
            if let ownAccounts = record.ownAccounts {
                writer.member("ownAccounts"); writer.bool(ownAccounts)
            }
            writer.member("definitionVersion"); writer.string(record.definitionVersion)
            writer.member("config"); write(record.config, to: &writer)
            writer.member("apps"); try writer.array(record.apps) { writer, app in try write(app, to: &writer) }
            writer.member("sealedEnv"); writer.object(record.sealedEnv) { writer, sealed in writer.data(sealed) }
            writer.member("canceled"); writer.bool(record.canceled)
            writer.member("createdAt"); try writer.date(record.createdAt)
            writer.member("updatedAt"); try writer.date(record.updatedAt)
            writer.member("history"); try writer.array(record.history) { writer, entry in try write(entry, to: &writer) }
            writer.member("version"); writer.integer(record.version)
        }
        return writer.bytes
    }

    private static func write(_ config: WorkflowConfig, to writer: inout JSONByteWriter) {
        writer.object { writer in
            writer.member("apps"); writer.array(config.apps) { writer, app in writer.string(app) }
            writer.member("github"); writer.object { writer in writer.member("owner"); writer.string(config.github.owner) }
            if let vercel = config.vercel {
                writer.member("vercel"); writer.object { writer in writer.member("teamId"); writer.string(vercel.teamID) }
            }
            if let domain = config.domain {
                writer.member("domain"); writer.string(domain)
            }
        }
    }

    /// One app, as ``AppRecord``'s `Codable` conformance writes it (its version is kept beside it, not in it).
    static func write(_ app: AppRecord) throws -> [UInt8] {
        var writer = JSONByteWriter(capacity: 256 + app.actions.count * 640)
        try write(app, to: &writer)
        return writer.bytes
    }

    /// One history entry.
    static func write(_ entry: HistoryEntry) throws -> [UInt8] {
        var writer = JSONByteWriter(capacity: 256)
        try write(entry, to: &writer)
        return writer.bytes
    }

    private static func write(_ app: AppRecord, to writer: inout JSONByteWriter) throws {
        try writer.object { writer in
            writer.member("id"); writer.string(app.id)
            writer.member("name"); writer.string(app.name)
            writer.member("actions"); try writer.array(app.actions) { writer, action in try write(action, to: &writer) }
        }
    }

    private static func write(_ action: ActionRecord, to writer: inout JSONByteWriter) throws {
        try writer.object { writer in
            writer.member("id"); writer.string(action.id)
            writer.member("title"); writer.string(action.title)
            writer.member("dependsOn"); writer.array(action.dependsOn) { writer, dependency in writer.string(dependency) }
            writer.member("state"); writer.string(action.state.rawValue)
            writer.member("attempt"); writer.integer(action.attempt)
            writer.member("message"); writer.string(action.message)
            writer.member("outputs"); try writer.object(action.outputs)
            if let error = action.error {
                writer.member("error")
                writer.object { writer in
                    writer.member("code"); writer.string(error.code)
                    writer.member("message"); writer.string(error.message)
                    writer.member("retryable"); writer.bool(error.retryable)
                    if let fix = error.fix {
                        writer.member("fix"); writer.string(fix)
                    }
                }
            }
            if let checkpoint = action.checkpoint {
                writer.member("checkpoint"); try writer.value(checkpoint)
            }
            if let nextPollAt = action.nextPollAt {
                writer.member("nextPollAt"); try writer.date(nextPollAt)
            }
            if let lease = action.lease {
                writer.member("lease")
                try writer.object { writer in
                    writer.member("id"); writer.string(lease.id)
                    writer.member("expiresAt"); try writer.date(lease.expiresAt)
                }
            }
            writer.member("updatedAt"); try writer.date(action.updatedAt)
            if let startedAt = action.startedAt {
                writer.member("startedAt"); try writer.date(startedAt)
            }
            if let deadline = action.deadline {
                writer.member("deadline")
                try writer.object { writer in
                    writer.member("at"); try writer.date(deadline.at)
                    writer.member("setting"); writer.string(deadline.setting)
                    writer.member("limitSeconds"); try writer.number(deadline.limitSeconds)
                }
            }
            if let phase = action.phase {
                writer.member("phase"); writer.string(phase)
            }
            if let entered = action.phaseEnteredAt {
                writer.member("phaseEnteredAt"); try writer.date(entered)
            }
            if let waited = action.capacityWaitSeconds {
                writer.member("capacityWaitSeconds"); try writer.number(waited)
            }
            if let progress = action.progress {
                writer.member("progress"); try writer.object(progress)
            }
            if let stop = action.pendingStop {
                writer.member("pendingStop")
                try writer.object { writer in
                    writer.member("since"); try writer.date(stop.since)
                    writer.member("notBefore"); try writer.date(stop.notBefore)
                    if let problem = stop.lastProblem {
                        writer.member("lastProblem"); writer.string(problem)
                    }
                }
            }
            if let sequence = action.sequence {
                writer.member("sequence"); writer.integer(sequence)
            }
            if let sealed = action.handedSecrets {
                // As JSONEncoder writes Data: base64.
                writer.member("handedSecrets"); writer.string(sealed.base64EncodedString())
            }
        }
    }

    private static func write(_ entry: HistoryEntry, to writer: inout JSONByteWriter) throws {
        try entry.writeJSON(to: &writer) { writer, date in try writer.date(date) }
    }
}
