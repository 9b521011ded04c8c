import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// A local OTLP/HTTP collector for one test: a Hummingbird server on a loopback port that keeps every body POSTed to
/// `/v1/traces` (OTLP/JSON, with `OTEL_EXPORTER_OTLP_PROTOCOL=http/json`) and answers `{}`.
final class OTLPReceiver: Sendable {
    private let bodies = Mutex<[Data]>([])

    /// Every body received, in order.
    var received: [Data] { bodies.withLock { $0 } }

    /// Every span received so far.
    func spans() throws -> [ExportedSpan] {
        try received.flatMap(ExportedSpan.all(in:))
    }

    /// Starts a receiver, runs `body` with it and its base URL (`http://127.0.0.1:PORT`), and stops it.
    static func run<Value: Sendable>(_ body: @Sendable (OTLPReceiver, String) async throws -> Value) async throws -> Value {
        let receiver = OTLPReceiver()
        let router = Router()
        router.post("/v1/traces") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 16 * 1024 * 1024)
            receiver.bodies.withLock { $0.append(Data(buffer.readableBytesView)) }
            return Response(
                status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: "{}")))
        }
        var logger = Logger(label: "otlp-receiver")
        logger.logLevel = .warning
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            }, logger: logger)
        let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
        return try await withThrowingTaskGroup(of: Value?.self) { group in
            group.addTask { try await services.run(); return nil }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw OTLPReceiverError("the receiver did not start") }
            do {
                let value = try await body(receiver, "http://127.0.0.1:\(port)")
                await services.triggerGracefulShutdown()
                return value
            } catch {
                await services.triggerGracefulShutdown()
                throw error
            }
        }
    }
}

/// One span of an OTLP/JSON export: its ids, name, kind and attributes (as text).
struct ExportedSpan: Sendable, CustomStringConvertible {
    var traceID: String
    var spanID: String
    var parentSpanID: String?
    var name: String
    var kind: String
    var attributes: [String: String]

    var description: String { "\(name) [\(kind)] \(attributes)" }

    /// The spans of one `ExportTraceServiceRequest` body.
    static func all(in body: Data) throws -> [ExportedSpan] {
        let request = try JSONDecoder().decode(ExportRequest.self, from: body)
        return request.resourceSpans.flatMap { $0.scopeSpans ?? [] }.flatMap { $0.spans ?? [] }.map { span in
            var attributes: [String: String] = [:]
            for attribute in span.attributes ?? [] { attributes[attribute.key] = attribute.value.text }
            return ExportedSpan(
                traceID: span.traceId, spanID: span.spanId,
                parentSpanID: span.parentSpanId.flatMap { $0.isEmpty ? nil : $0 }, name: span.name,
                kind: span.kind.text, attributes: attributes)
        }
    }

    private struct ExportRequest: Decodable {
        var resourceSpans: [ResourceSpans]
    }

    private struct ResourceSpans: Decodable {
        var scopeSpans: [ScopeSpans]?
    }

    private struct ScopeSpans: Decodable {
        var spans: [Span]?
    }

    private struct Span: Decodable {
        var traceId: String
        var spanId: String
        var parentSpanId: String?
        var name: String
        var kind: Scalar
        var attributes: [Attribute]?
    }

    private struct Attribute: Decodable {
        var key: String
        var value: AnyValue
    }

    /// An OTLP `AnyValue`: one of its typed members.
    private struct AnyValue: Decodable {
        var stringValue: String?
        var intValue: Scalar?
        var boolValue: Bool?
        var doubleValue: Double?

        var text: String {
            stringValue ?? intValue?.text ?? boolValue.map(String.init) ?? doubleValue.map { String($0) } ?? ""
        }
    }

    /// A member written as a string or a number (protobuf's JSON writes 64-bit integers and enums either way).
    private struct Scalar: Decodable {
        var text: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let string = try? container.decode(String.self) {
                text = string
            } else {
                text = String(try container.decode(Int.self))
            }
        }
    }
}

struct OTLPReceiverError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
