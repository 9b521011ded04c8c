import AsyncHTTPClient
import BatonCore
import BatonKit
import BatonServer
import BatonStores
import BatonTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// A host mounts Baton's routes on its own router beside routes of its own.
@Suite("Mounting Baton in a host's router")
struct HostMountTests {
    static func baton() throws -> Baton {
        try Baton(BatonComponents(store: .memory(), actions: .scripted(.instant)), logger: Logger(label: "test"))
    }

    /// Serves `router` on a free port and runs `body` with a client for it.
    static func serve(_ router: Router<BatonRequestContext>, _ body: @Sendable (JSONClient) async throws -> Void) async throws {
        try await Application(router: router).test(.live) { client in
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            do {
                try await body(JSONClient(http: http, baseURL: "http://127.0.0.1:\(client.port!)"))
                try await http.shutdown()
            } catch {
                try await http.shutdown()
                throw error
            }
        }
    }

    @Test func aHostWithItsOwnHealthCheckLeavesBatonsOut() async throws {
        let router = Router(context: BatonRequestContext.self)
        router.get("/healthz") { _, _ in "the host is fine" }
        try Self.baton().addRoutes(to: router, serving: [.api, .webPage])

        try await Self.serve(router) { (client: JSONClient) async throws in
            let health = try await client.get("/healthz")
            #expect(health.status == 200)
            #expect(health.text == "the host is fine")
            #expect(try await client.get("/api/catalog").status == 200)
            #expect(try await client.get("/").status == 200)
            let invalid = try await client.post(json: #"{"mode":"init"}"#)
            #expect(invalid.status == 400)
            #expect(invalid.errorCode == "validation_failed")
        }
    }

    @Test func onlyTheAPIWhenTheHostServesItsOwnPage() async throws {
        let router = Router(context: BatonRequestContext.self)
        router.get("/") { _, _ in "the host's page" }
        try Self.baton().addRoutes(to: router, serving: .api)

        try await Self.serve(router) { (client: JSONClient) async throws in
            #expect(try await client.get("/").text == "the host's page")
            #expect(try await client.get("/assets/baton.css").status == 404)
            #expect(try await client.get("/healthz").status == 404)
            #expect(try await client.get("/api/catalog").status == 200)
        }
    }
}
