import BatonClient
import Synchronization

/// Counts the requests a command sends, for its closing figures.
final class CountingTransport: BatonTransport {
    private let inner: any BatonTransport
    private let count = Atomic<Int>(0)

    /// Counts what goes through `inner`.
    init(_ inner: any BatonTransport = URLSessionTransport()) {
        self.inner = inner
    }

    /// Requests sent so far.
    var requests: Int { count.load(ordering: .relaxed) }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        count.add(1, ordering: .relaxed)
        return try await inner.send(request)
    }
}
