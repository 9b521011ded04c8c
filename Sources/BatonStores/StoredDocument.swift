import BatonCore
import Foundation

/// How SQL stores keep a workflow: its record as one JSON document, next to indexed columns.
///
/// Dates are stored as numbers (the coders' default), which encodes and decodes several times faster than
/// formatted timestamps; the document is never shown to anyone. It is written by ``WorkflowDocumentWriter``
/// (the format `JSONEncoder` gives the record, much faster) and read by `JSONDecoder`.
enum StoredDocument {
    static func encode(_ record: WorkflowRecord) throws -> Data {
        Data(try WorkflowDocumentWriter.write(record))
    }

    static func decode(_ data: Data, version: Int64) throws -> WorkflowRecord {
        var record = try JSONDecoder().decode(WorkflowRecord.self, from: data)
        record.version = version
        return record
    }
}
