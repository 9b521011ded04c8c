import BatonCore
import Foundation
import Hummingbird

/// Builds JSON responses with Baton's encoder.
enum JSONResponse {
    /// A response whose body is `value` as JSON.
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        make(bytes: try BatonJSON.makeEncoder().encode(value), status: status)
    }

    /// A response whose body is `value` as JSON, written by the value itself (the statuses clients poll).
    static func make(_ value: some JSONWritable, status: HTTPResponse.Status = .ok) throws -> Response {
        make(bytes: try value.jsonBytes(), status: status)
    }

    private static func make(bytes: some Sequence<UInt8>, status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
