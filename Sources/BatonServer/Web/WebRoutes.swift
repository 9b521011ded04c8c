import Foundation
import Hummingbird

/// `GET /` and the page's assets under `/assets/`, from files embedded in the binary.
///
/// Every answer carries an `ETag` (revalidated with `If-None-Match`, answered `304 Not Modified`),
/// `Cache-Control: no-cache` (the asset paths carry no version, so browsers revalidate every time), and a
/// Content-Security-Policy that allows scripts and styles from this origin only.
struct WebRoutes<Context: RequestContext>: Sendable {
    /// What the page may load: its own scripts, styles and icons, and requests to its own origin.
    static var contentSecurityPolicy: String {
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    }

    let assets: [WebAsset]

    func register(on router: some RouterMethods<Context>) {
        for asset in assets {
            let body = ByteBuffer(string: asset.body)
            router.get(RouterPath(asset.path)) { request, _ in
                Self.response(for: asset, body: body, ifNoneMatch: request.headers[.ifNoneMatch])
            }
        }
    }

    static func response(for asset: WebAsset, body: ByteBuffer, ifNoneMatch: String?) -> Response {
        var headers: HTTPFields = [
            .contentType: asset.contentType,
            .cacheControl: "no-cache",
            .eTag: asset.etag,
            .contentSecurityPolicy: contentSecurityPolicy,
            .xContentTypeOptions: "nosniff",
        ]
        if let referrerPolicy = HTTPFields.Element.Name("Referrer-Policy") {
            headers[referrerPolicy] = "no-referrer"
        }
        if let ifNoneMatch, matches(ifNoneMatch, etag: asset.etag) {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// Whether an `If-None-Match` list names `etag` (weak comparison, as RFC 9110 asks for this header) or is `*`.
    static func matches(_ ifNoneMatch: String, etag: String) -> Bool {
        ifNoneMatch.split(separator: ",").contains { candidate in
            var tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            return tag == etag
        }
    }
}
