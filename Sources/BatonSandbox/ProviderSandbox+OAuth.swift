import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

extension ProviderSandbox {
    /// Serves a request to an OAuth endpoint under the state lock. These are the providers' sign-in pages and token
    /// endpoints, not their REST APIs: no latency, no injected failures, not counted under `calls`, never recorded
    /// (their bodies hold codes, secrets and tokens).
    func serveOAuth(_ request: Request, host: OAuthHost) async -> Response {
        var request = request
        let body = (try? await request.collectBody(upTo: Self.maximumBodyBytes)).map { Data($0.readableBytesView) }
        let oauthRequest = OAuthRequest(
            host: host, method: request.method.rawValue,
            target: RequestTarget(rawPath: request.uri.path, rawQuery: request.uri.query, below: host.pathPrefix),
            fullPath: request.uri.path, body: body ?? Data(), contentType: request.headers[.contentType],
            accept: request.headers[.accept], authorization: request.headers[.authorization])
        let now = clock.now()
        let reply = state.withLock { OAuthEndpoints.serve(oauthRequest, state: &$0, now: now) }
        var fields = HTTPFields()
        for (name, value) in reply.headers.sorted(by: { $0.key < $1.key }) {
            if let fieldName = HTTPField.Name(name) { fields[fieldName] = value }
        }
        return Response(
            status: HTTPResponse.Status(code: reply.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body)))
    }
}
