public import Foundation

/// A wire type that writes its own JSON: the text ``BatonJSON/makeEncoder(sortedKeys:)`` gives for it (the same
/// keys in the same order, `null` where the encoder writes `null`), without `JSONEncoder`'s generic machinery.
///
/// Every `trigger` and `status` answer is one of these, and a client polls them all the time: on the 2-core benchmark
/// machine `JSONEncoder` spent about 110 µs on an ``ActionStatus``, a sixth of a step's whole cost with the SQLite
/// store (`baton-bench --store sqlite` under `perf`). `WireJSONTests` checks each writer against `JSONEncoder`.
public protocol JSONWritable: Encodable {
    /// Writes the value as one JSON value.
    func writeJSON(to writer: inout JSONByteWriter) throws
}

extension JSONWritable {
    /// The value as JSON text, UTF-8.
    public func jsonBytes() throws -> [UInt8] {
        var writer = JSONByteWriter(capacity: 1024)
        try writeJSON(to: &writer)
        return writer.bytes
    }
}

extension ActionStatus: JSONWritable {
    public func writeJSON(to writer: inout JSONByteWriter) throws {
        try writer.object { writer in
            writer.member("app"); writer.string(app)
            writer.member("action"); writer.string(action)
            writer.member("title"); writer.string(title)
            writer.member("state"); writer.string(state.rawValue)
            writer.member("attempt"); writer.integer(attempt)
            writer.member("message"); writer.string(message)
            writer.member("pollAfterMs"); writer.optional(pollAfterMs) { writer, value in writer.integer(value) }
            writer.member("outputs"); try writer.object(outputs)
            writer.member("error"); writer.optional(error) { writer, failure in failure.writeJSON(to: &writer) }
            writer.member("updatedAt"); writer.timestamp(updatedAt)
            writer.member("startedAt"); writer.optional(startedAt) { writer, date in writer.timestamp(date) }
            writer.member("deadlineAt"); writer.optional(deadlineAt) { writer, date in writer.timestamp(date) }
            writer.member("progress"); try writer.optional(progress) { writer, members in try writer.object(members) }
            writer.member("sequence"); writer.integer(sequence)
        }
    }
}

extension ActionFailure {
    /// As the synthesized `Encodable` writes it: `fix` left out when there is none.
    func writeJSON(to writer: inout JSONByteWriter) {
        writer.object { writer in
            writer.member("code"); writer.string(code)
            writer.member("message"); writer.string(message)
            writer.member("retryable"); writer.bool(retryable)
            if let fix { writer.member("fix"); writer.string(fix) }
        }
    }
}

extension WorkflowStatus: JSONWritable {
    public func writeJSON(to writer: inout JSONByteWriter) throws {
        try writer.object { writer in
            writer.member("workflowId"); writer.string(workflowID)
            writer.member("state"); writer.string(state.rawValue)
            writer.member("definitionVersion"); writer.string(definitionVersion)
            writer.member("apps")
            try writer.array(apps) { writer, app in
                try writer.object { writer in
                    writer.member("id"); writer.string(app.id)
                    writer.member("name"); writer.string(app.name)
                    writer.member("state"); writer.string(app.state.rawValue)
                    writer.member("actions"); try writer.array(app.actions) { writer, action in try action.writeJSON(to: &writer) }
                }
            }
            writer.member("history")
            writer.optional(history) { writer, entries in
                writer.array(entries) { writer, entry in
                    entry.writeJSON(to: &writer) { writer, date in writer.timestamp(date) }
                }
            }
            writer.member("pendingCancellations")
            writer.array(pendingCancellations) { writer, pending in
                writer.object { writer in
                    writer.member("app"); writer.string(pending.app)
                    writer.member("action"); writer.string(pending.action)
                    writer.member("message"); writer.string(pending.message)
                }
            }
        }
    }
}

extension HistoryEntry {
    /// Writes the entry as its synthesized `Encodable` does, its date as `writeDate` writes it: the wire's timestamp
    /// strings, or the number the stores' documents hold.
    public func writeJSON(
        to writer: inout JSONByteWriter, writeDate: (inout JSONByteWriter, Date) throws -> Void
    ) rethrows {
        try writer.object { writer in
            writer.member("at"); try writeDate(&writer, at)
            writer.member("app"); writer.string(app)
            writer.member("action"); writer.string(action)
            writer.member("from"); writer.string(from.rawValue)
            writer.member("to"); writer.string(to.rawValue)
            writer.member("attempt"); writer.integer(attempt)
            writer.member("message"); writer.string(message)
        }
    }
}
