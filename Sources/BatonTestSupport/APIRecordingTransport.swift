public import BatonClient
import Foundation

/// A ``BatonTransport`` that hands every exchange it passes on to an ``APIExchangeRecorder``: what a `BatonClient`
/// sent and what it was answered, for the server's OpenAPI check. An answer `inner` makes up itself (a test
/// transport's injected `503`) is kept as well, and must conform too; a request that got no answer is not kept.
public struct APIRecordingTransport: BatonTransport {
    private let inner: any BatonTransport
    private let recorder: APIExchangeRecorder

    /// Sends through `inner`, keeping each exchange in `recorder`.
    public init(_ inner: any BatonTransport, recordingTo recorder: APIExchangeRecorder) {
        self.inner = inner
        self.recorder = recorder
    }

    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        let response = try await inner.send(request)
        var target = request.url.path
        if let query = request.url.query { target += "?" + query }
        recorder.record(
            method: request.method, target: target, requestHeaders: request.headers, requestBody: request.body,
            status: response.status, responseHeaders: response.headers, responseBody: response.body
        )
        return response
    }
}
