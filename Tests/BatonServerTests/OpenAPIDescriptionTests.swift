import AsyncHTTPClient
import BatonTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Baton's OpenAPI description: served as committed, a valid OpenAPI 3.1 document, and the check every harness runs
/// on its exchanges fails an answer outside it.
@Suite("Baton's OpenAPI description")
struct OpenAPIDescriptionTests {
    @Test("GET /openapi.json serves the committed description byte for byte, and openapi-spec-validator passes it")
    func servedDescriptionIsTheCommittedOneAndValid() async throws {
        let served = try await LiveServer().run { client in try await client.get("/openapi.json") }
        #expect(served.status == 200)
        #expect(served.headers["content-type"] == "application/json; charset=utf-8")
        let committed = try Data(contentsOf: OpenAPIContract.batonDescription)
        #expect(Data(served.text.utf8) == committed, "GET /openapi.json differs from Sources/BatonServer/OpenAPI/openapi.json")

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("baton-openapi-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(served.text.utf8).write(to: file)
        let (status, output) = try await OpenAPIContract.checkDescription(file)
        #expect(status == 0, "openapi-spec-validator:\n\(output)")
        #expect(output.contains(": OK"), "openapi-spec-validator:\n\(output)")
    }

    @Test("A server answering outside the description fails the harness check, naming the exchange and the problem")
    func answersOutsideTheDescriptionFail() async throws {
        let recorder = APIExchangeRecorder()
        try await Self.serveImpostor(recordingTo: recorder) { client in
            _ = try await client.get("/healthz")
            _ = try await client.get("/api/catalog")
            _ = try await client.post(json: #"{"mode":"launch"}"#)
            _ = try await client.post(json: #"{"mode":"init","config":{"apps":["app-a"],"github":{"owner":"acme"}}}"#)
            _ = try await client.get("/api/nothing")
            _ = try await client.get("/metrics")
        }
        #expect(recorder.count == 6)

        let violation = await #expect(throws: APIContractViolation.self) { try await recorder.validate() }
        let report = violation?.report ?? ""
        #expect(report.contains("GET /healthz [baton] -> 200: response status: 'ok' was expected"), "\(report)")
        #expect(report.contains("GET /api/catalog [baton] -> 418: status 418 is not listed for this operation"), "\(report)")
        #expect(report.contains("POST /api/deploy [baton] -> 201: accepted an invalid request"), "\(report)")
        #expect(report.contains("(/api/deploy mode=launch)"), "the failure names the exchange: \(report)")
        #expect(report.contains("POST /api/deploy [baton] -> 429: header Retry-After is required (/api/deploy mode=init)"), "\(report)")
        #expect(report.contains("GET (no operation) [baton] -> 200: no operation serves this request"), "\(report)")
        #expect(report.contains("1 passed, 5 failed"), "\(report)")
    }

    /// Serves Baton's paths the wrong way (a wrong body, an undocumented status, an invalid request accepted, a 429
    /// without `Retry-After`, a path Baton does not serve answered 200) and one the right way (`/metrics`), and runs
    /// `body` with a client whose exchanges `recorder` keeps.
    private static func serveImpostor(
        recordingTo recorder: APIExchangeRecorder, _ body: @Sendable (JSONClient) async throws -> Void
    ) async throws {
        let router = Router()
        router.get("/healthz") { _, _ in Self.json(#"{"status":"fine"}"#) }
        router.get("/api/catalog") { _, _ in Response(status: .init(code: 418)) }
        router.get("/api/nothing") { _, _ in Self.json("{}") }
        router.post("/api/deploy") { request, _ in
            let body = String(buffer: try await request.body.collect(upTo: 4096))
            guard body.contains("launch") else {
                return Self.json(#"{"error":{"code":"rate_limited","message":"later","details":[]}}"#, status: .tooManyRequests)
            }
            return Self.json(
                #"{"workflowId":"wf_0123456789abcdef0123456789abcdef","token":"bt_\#(String(repeating: "a", count: 43))","definitionVersion":"sha256-0123456789abcdef0123456789abcdef","apps":[]}"#,
                status: .created
            )
        }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "baton_requests_total 1\n"))
            )
        }
        try await Application(router: router).test(.live) { client in
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            do {
                try await body(JSONClient(http: http, baseURL: "http://127.0.0.1:\(client.port!)", recordingTo: recorder))
                try await http.shutdown()
            } catch {
                try await http.shutdown()
                throw error
            }
        }
    }

    private static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
