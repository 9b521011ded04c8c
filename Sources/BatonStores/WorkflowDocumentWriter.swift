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
            writer.member("principal", ifPresent: record.principal) { $0.string($1) }
            writer.member("ownAccounts", ifPresent: record.ownAccounts) { $0.bool($1) }
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
            writer.member("vercel", ifPresent: config.vercel) { writer, vercel in
                writer.object { writer in writer.member("teamId"); writer.string(vercel.teamID) }
            }
            writer.member("domain", ifPresent: config.domain) { $0.string($1) }
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
            writer.member("error", ifPresent: action.error) { writer, error in
                writer.object { writer in
                    writer.member("code"); writer.string(error.code)
                    writer.member("message"); writer.string(error.message)
                    writer.member("retryable"); writer.bool(error.retryable)
                    writer.member("fix", ifPresent: error.fix) { $0.string($1) }
                }
            }
            try writer.member("checkpoint", ifPresent: action.checkpoint) { try $0.value($1) }
            try writer.member("nextPollAt", ifPresent: action.nextPollAt) { try $0.date($1) }
            try writer.member("lease", ifPresent: action.lease) { writer, lease in
                try writer.object { writer in
                    writer.member("id"); writer.string(lease.id)
                    writer.member("expiresAt"); try writer.date(lease.expiresAt)
                }
            }
            writer.member("updatedAt"); try writer.date(action.updatedAt)
            try writer.member("startedAt", ifPresent: action.startedAt) { try $0.date($1) }
            try writer.member("deadline", ifPresent: action.deadline) { writer, deadline in
                try writer.object { writer in
                    writer.member("at"); try writer.date(deadline.at)
                    writer.member("setting"); writer.string(deadline.setting)
                    writer.member("limitSeconds"); try writer.number(deadline.limitSeconds)
                }
            }
            writer.member("phase", ifPresent: action.phase) { $0.string($1) }
            try writer.member("phaseEnteredAt", ifPresent: action.phaseEnteredAt) { try $0.date($1) }
            try writer.member("capacityWaitSeconds", ifPresent: action.capacityWaitSeconds) { try $0.number($1) }
            try writer.member("progress", ifPresent: action.progress) { try $0.object($1) }
            try writer.member("pendingStop", ifPresent: action.pendingStop) { writer, stop in
                try writer.object { writer in
                    writer.member("since"); try writer.date(stop.since)
                    writer.member("notBefore"); try writer.date(stop.notBefore)
                    writer.member("lastProblem", ifPresent: stop.lastProblem) { $0.string($1) }
                }
            }
            writer.member("sequence", ifPresent: action.sequence) { $0.integer($1) }
            writer.member("handedSecrets", ifPresent: action.handedSecrets) { $0.data($1) }
        }
    }

    private static func write(_ entry: HistoryEntry, to writer: inout JSONByteWriter) throws {
        try entry.writeJSON(to: &writer) { writer, date in try writer.date(date) }
    }
}
