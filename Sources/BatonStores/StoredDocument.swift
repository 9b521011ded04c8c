import BatonCore
import Foundation

/// How SQL stores encode a workflow's parts: its own fields, each app and each history entry as a JSON document of
/// its own, next to indexed columns.
///
/// Dates are stored as numbers (the coders' default), which encodes and decodes several times faster than
/// formatted timestamps; the documents are never shown to anyone. They are written by ``WorkflowDocumentWriter``
/// (the format `JSONEncoder` gives, much faster) and read by `JSONDecoder`.
enum StoredDocument {
    /// The workflow's own fields: the record without its apps, env values and history (stored apart).
    static func encodeFields(_ record: WorkflowRecord) throws -> Data {
        var fields = record
        fields.apps = []
        fields.sealedEnv = [:]
        fields.history = []
        return Data(try WorkflowDocumentWriter.write(fields))
    }

    static func encode(_ app: AppRecord) throws -> Data {
        Data(try WorkflowDocumentWriter.write(app))
    }

    static func encode(_ entry: HistoryEntry) throws -> Data {
        Data(try WorkflowDocumentWriter.write(entry))
    }

    /// The workflow's own fields, at `version` (no apps yet).
    static func decodeFields(_ data: Data, version: Int64) throws -> WorkflowRecord {
        var record = try JSONDecoder().decode(WorkflowRecord.self, from: data)
        record.version = version
        return record
    }

    static func decodeApp(_ data: Data, version: Int64) throws -> AppRecord {
        var app = try JSONDecoder().decode(AppRecord.self, from: data)
        app.version = version
        return app
    }

    static func decodeEntry(_ data: Data) throws -> HistoryEntry {
        try JSONDecoder().decode(HistoryEntry.self, from: data)
    }

    /// An API key's record (its name and hash are columns beside it, for lookups).
    static func encode(_ key: APIKeyRecord) throws -> Data {
        try JSONEncoder().encode(key)
    }

    static func decodeKey(_ data: Data) throws -> APIKeyRecord {
        try JSONDecoder().decode(APIKeyRecord.self, from: data)
    }

    /// A whole workflow as schema v1 kept it (one document with its apps, env values and history), for migrations.
    static func decodeLegacyWorkflow(_ data: Data, version: Int64) throws -> WorkflowRecord {
        try decodeFields(data, version: version)
    }

    /// What a write stores, encoded: the workflow's fields (when written), each written app, each new history entry.
    struct EncodedWrite {
        var fields: Data?
        /// Each written app's document with its position in the record.
        var apps: [(index: Int, document: Data)]
        var history: [Data]
    }

    static func encode(_ write: WorkflowWrite) throws -> EncodedWrite {
        EncodedWrite(
            fields: write.writesWorkflowFields ? try encodeFields(write.record) : nil,
            apps: try write.apps.map { ($0, try encode(write.record.apps[$0])) },
            history: try write.appendedHistory.map { try encode($0) }
        )
    }
}
