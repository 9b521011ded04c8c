import AsyncHTTPClient
import BatonTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// Connects accounts the way a browser does, without one: asks Baton to start connecting, follows the provider's
/// authorize URL to the sandbox's consent page, submits its form as a sandbox user, and follows the redirect back to
/// Baton's callback — keeping the `baton_connection` cookie as a browser would. Redirects are followed by hand.
final class ConsentPageBrowser: Sendable {
    /// A response, as this browser sees it.
    struct Page {
        var status: Int
        var headers: HTTPHeaders
        var body: String
    }

    let baseURL: String
    private let http: HTTPClient
    private let recorder: APIExchangeRecorder?
    private let cookieValue: Mutex<String?> = Mutex(nil)

    /// An HTTP client for this browser: it follows no redirect (the browser follows them by hand, keeping the cookie).
    static func makeHTTPClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.timeout.connect = .seconds(2)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// A browser of the Baton server at `baseURL`; `recorder` keeps its exchanges with that server, for Baton's OpenAPI
    /// check.
    init(baseURL: String, http: HTTPClient, recordingTo recorder: APIExchangeRecorder? = nil) {
        self.baseURL = baseURL
        self.http = http
        self.recorder = recorder
    }

    /// The `Cookie` header the browser sends to Baton's `/api` paths.
    var cookieHeader: String? { cookieValue.withLock { $0.map { "baton_connection=\($0)" } } }

    /// Connects `provider` as the sandbox user `user`; returns where Baton's callback sent the browser.
    func connect(_ provider: String, as user: String) async throws -> String {
        let started = try await send("POST", baseURL + "/api/connections/\(provider)")
        guard started.status == 200, let data = started.body.data(using: .utf8),
              let json = try JSONSerialization.jsonObject(with: data) as? [String: Any], let authorize = json["authorizeUrl"] as? String
        else { throw BrowserError("starting \(provider) answered \(started.status): \(started.body)") }
        let callback = try await consent(authorize, as: user)
        let back = try await send("GET", callback)
        guard back.status == 303, let location = back.headers.first(name: "location") else {
            throw BrowserError("the callback answered \(back.status): \(back.body)")
        }
        return location
    }

    /// Opens the provider's authorize page `authorize`, presses `user`'s button, and returns the redirect back.
    func consent(_ authorize: String, as user: String) async throws -> String {
        let consent = try await send("GET", authorize)
        guard consent.status == 200 else { throw BrowserError("the consent page answered \(consent.status): \(consent.body)") }
        let form = try Self.form(in: consent.body, choosing: user)
        let submitted = try await send("POST", Self.resolve(form.action, against: authorize), form: form.fields)
        guard submitted.status == 302, let callback = submitted.headers.first(name: "location") else {
            throw BrowserError("the consent form answered \(submitted.status): \(submitted.body)")
        }
        return callback
    }

    /// Sends a request with the cookie (to Baton's `/api` paths), recording a cookie Baton sets.
    func send(
        _ method: String, _ url: String, form: [(String, String)]? = nil, json: String? = nil, token: String? = nil, accept: String? = nil
    ) async throws -> Page {
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        if let accept { request.headers.add(name: "Accept", value: accept) }
        if url.hasPrefix(baseURL + "/api/"), let cookie = cookieHeader { request.headers.add(name: "Cookie", value: cookie) }
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let form {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: form.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")))
        } else if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        let response = try await http.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 4 * 1024 * 1024)
        let body = String(buffer: buffer)
        if let recorder, url.hasPrefix(baseURL + "/") {
            recorder.record(
                method: method, target: String(url.dropFirst(baseURL.count)),
                requestHeaders: Dictionary(request.headers.map { ($0.name, $0.value) }) { _, last in last },
                requestBody: Data((json ?? "").utf8), status: Int(response.status.code),
                responseHeaders: Dictionary(response.headers.map { ($0.name, $0.value) }) { _, last in last },
                responseBody: Data(buffer.readableBytesView)
            )
        }
        for header in response.headers[canonicalForm: "set-cookie"] where header.hasPrefix("baton_connection=") {
            let value = header.dropFirst("baton_connection=".count).prefix { $0 != ";" }
            cookieValue.withLock { $0 = String(value) }
        }
        return Page(status: Int(response.status.code), headers: response.headers, body: body)
    }

    /// The consent form's action and fields, with the button of `user` pressed.
    private static func form(in html: String, choosing user: String) throws -> (action: String, fields: [(String, String)]) {
        guard let action = first(#"<form method="post" action="([^"]*)""#, in: html) else { throw BrowserError("no form in \(html)") }
        var fields: [(String, String)] = []
        let hidden = try NSRegularExpression(pattern: #"<input type="hidden" name="([^"]*)" value="([^"]*)">"#)
        for match in hidden.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            fields.append((unescape(text(match, 1, html)), unescape(text(match, 2, html))))
        }
        guard let name = first(#"<button type="submit" name="([^"]*)" value="[^"]*" data-sandbox-user="\#(user)""#, in: html)
                ?? first(#"<button type="submit" name="([^"]*)" value="\#(user)""#, in: html)
        else { throw BrowserError("no button for \(user) in \(html)") }
        fields.append((name, user))
        return (unescape(action), fields)
    }

    private static func first(_ pattern: String, in html: String) -> String? {
        guard let expression = try? NSRegularExpression(pattern: pattern),
              let match = expression.firstMatch(in: html, range: NSRange(html.startIndex..., in: html))
        else { return nil }
        return text(match, 1, html)
    }

    private static func text(_ match: NSTextCheckingResult, _ group: Int, _ html: String) -> String {
        Range(match.range(at: group), in: html).map { String(html[$0]) } ?? ""
    }

    private static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? text
    }

    private static func resolve(_ action: String, against page: String) -> String {
        guard !action.hasPrefix("http"), let base = URL(string: page), let resolved = URL(string: action, relativeTo: base) else { return action }
        return resolved.absoluteString
    }
}

/// What went wrong walking the consent pages.
struct BrowserError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
