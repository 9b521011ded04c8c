import BatonCore
import BatonKit
import BatonStores
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The two servers a benchmark run measures, in this process on loopback: Baton with instant test actions,
/// and the control, a bare Hummingbird route that decodes a JSON object of strings with `JSONDecoder` and encodes it back.
struct BenchServers {
    /// Baton's base URL.
    let batonURL: String
    /// The control's base URL; its echo route is `POST /echo`.
    let controlURL: String

    /// Starts both servers, runs `body`, and stops them; returns once they stopped (and the store's services with them).
    /// - Parameter telemetry: what Baton reports (metrics on measures what counting every request, step and action
    ///   costs).
    /// - Throws: the servers' error when they stop before listening, else `body`'s.
    static func run<Value: Sendable>(
        configured: ConfiguredStore, telemetry: TelemetrySettings = .off, logger: Logger,
        _ body: @Sendable (BenchServers) async throws -> Value
    ) async throws -> Value {
        let components = BatonComponents(
            store: configured, actions: .instant(for: .deployment),
            // The benchmark starts a workflow every few actions, far faster than any principal should.
            configuration: .init(initPace: nil, maxOpenWorkflows: nil), telemetry: telemetry
        )
        let ports = AsyncStream.makeStream(of: (String, Int).self)
        let baton = try buildApplication(
            components, port: 0, logger: logger, onServerRunning: { port in ports.continuation.yield(("baton", port)) }
        )
        let control = Application(
            router: controlRouter(),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in ports.continuation.yield(("control", channel.localAddress?.port ?? 0)) },
            logger: logger
        )
        let services = ServiceGroup(configuration: .init(services: [baton, control], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                // Ends the wait for the ports below when the servers stop before listening (a failed migration or key
                // check, say), so the run fails with that error instead of waiting forever.
                defer { ports.continuation.finish() }
                try await services.run()
            }
            var bound: [String: Int] = [:]
            for await (name, port) in ports.stream {
                bound[name] = port
                if bound.count == 2 { break }
            }
            guard let batonPort = bound["baton"], let controlPort = bound["control"] else {
                try await group.waitForAll()
                throw BenchError("the servers stopped before they listened")
            }
            let servers = BenchServers(batonURL: "http://127.0.0.1:\(batonPort)", controlURL: "http://127.0.0.1:\(controlPort)")
            let value: Value
            do {
                value = try await body(servers)
            } catch {
                await services.triggerGracefulShutdown()
                throw error
            }
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
            return value
        }
    }

    private static func controlRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/echo") { request, _ -> Response in
            var request = request
            let buffer = try await request.collectBody(upTo: 64 * 1024)
            let value = try JSONDecoder().decode([String: String].self, from: Data(buffer.readableBytesView))
            let data = try JSONEncoder().encode(value)
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        return router
    }
}
