import Foundation

/// What an OAuth endpoint answers: a page, a redirect, or a token document.
struct OAuthHTTPReply: Sendable {
    /// The HTTP status code.
    var status: Int
    /// The response headers (lower-case names), `content-type` included.
    var headers: [String: String]
    /// The body bytes.
    var body: Data

    /// An HTML page, never cached, framed or allowed to load anything but its inline style.
    static func page(_ status: Int, _ html: String) -> OAuthHTTPReply {
        OAuthHTTPReply(
            status: status,
            headers: [
                "content-type": "text/html; charset=utf-8", "cache-control": "no-store",
                "content-security-policy": OAuthPage.contentSecurityPolicy, "x-frame-options": "deny",
                "referrer-policy": "no-referrer",
            ],
            body: Data(html.utf8))
    }

    /// A 302 to `location`, as GitHub and Vercel answer a consent.
    static func redirect(to location: String) -> OAuthHTTPReply {
        OAuthHTTPReply(
            status: 302, headers: ["location": location, "cache-control": "no-store", "referrer-policy": "no-referrer"],
            body: Data())
    }

    /// A token-endpoint document as JSON; never cached (RFC 6749 §5.1).
    static func json(_ status: Int, _ document: JSONValue) -> OAuthHTTPReply {
        OAuthHTTPReply(
            status: status,
            headers: [
                "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "pragma": "no-cache",
            ],
            body: document.encodedData())
    }

    /// A token-endpoint document form-encoded, GitHub's answer when JSON was not asked for; never cached.
    static func form(_ status: Int, _ pairs: [(String, String)]) -> OAuthHTTPReply {
        OAuthHTTPReply(
            status: status,
            headers: [
                "content-type": "application/x-www-form-urlencoded; charset=utf-8", "cache-control": "no-store",
                "pragma": "no-cache",
            ],
            body: Data(FormURLEncoded.encode(pairs).utf8))
    }
}
