import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

extension ProviderSandbox {
    /// The largest request body read; larger bodies count as malformed.
    static let maximumBodyBytes = 4 * 1024 * 1024

    /// Serves one provider request: latency, then the locked dispatch (the effect), then the recording, then the
    /// response delay (the answer held back although the effect already happened). Vercel's OAuth token endpoint
    /// (`/login/oauth/…`, below the API prefix as on `api.vercel.com`) is served first, before any token check.
    func serveProvider(_ request: Request, provider: ProviderKind) async -> Response {
        if provider == .vercel, request.uri.path.hasPrefix(OAuthHost.vercelAPI.pathPrefix + "/login/oauth/") {
            return await serveOAuth(request, host: .vercelAPI)
        }
        let providerRequest = ProviderRequest(
            provider: provider, method: request.method.rawValue,
            target: RequestTarget(rawPath: request.uri.path, rawQuery: request.uri.query, below: provider.pathPrefix),
            body: await Self.readBody(request), authorization: request.headers[.authorization],
            gitHubAPIVersion: HTTPField.Name("X-GitHub-Api-Version").flatMap { request.headers[$0] })
        let latency = state.withLock { $0.configuration.latencyMs }
        if latency > 0 {
            try? await Task.sleep(for: .milliseconds(latency))
        }
        let now = clock.now()
        let (reply, callKey, responseDelay) = state.withLock { state in
            let (reply, callKey) = ProviderDispatcher.serve(providerRequest, state: &state, now: now)
            return (reply, callKey, state.configuration.responseDelayMs)
        }
        recorder?.record(providerRequest, callKey: callKey, reply: reply)
        if responseDelay > 0 {
            try? await Task.sleep(for: .milliseconds(responseDelay))
        }
        return Self.response(status: reply.status, body: reply.body, headers: reply.headers)
    }

    /// A JSON response of the control endpoints.
    func controlResponse(_ status: Int, _ body: JSONValue) -> Response {
        Self.response(status: status, body: body, headers: ["cache-control": "no-store"])
    }

    /// The request body as JSON, absent, or malformed.
    static func readBody(_ request: Request) async -> ProviderRequestBody {
        var request = request
        guard let buffer = try? await request.collectBody(upTo: maximumBodyBytes) else { return .malformed }
        guard buffer.readableBytes > 0 else { return .absent }
        let data = Data(buffer.readableBytesView)
        if data.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) { return .absent }
        return JSONValue.parse(data).map(ProviderRequestBody.json) ?? .malformed
    }

    private static func response(status: Int, body: JSONValue?, headers: [String: String]) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json; charset=utf-8"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            if let fieldName = HTTPField.Name(name) { fields[fieldName] = value }
        }
        let data = body?.encodedData() ?? Data()
        return Response(
            status: HTTPResponse.Status(code: status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
