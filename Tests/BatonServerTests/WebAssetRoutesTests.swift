import AsyncHTTPClient
import BatonTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import Testing

@Suite("Web page routes")
struct WebAssetRoutesTests {
    /// One raw answer: status, headers and body text.
    struct Fetched {
        let status: Int
        let headers: HTTPHeaders
        let body: String

        func header(_ name: String) -> String? { headers.first(name: name) }
    }

    static func fetch(_ client: JSONClient, _ path: String, headers: [(String, String)] = []) async throws -> Fetched {
        var request = HTTPClientRequest(url: client.baseURL + path)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await client.http.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 4 * 1024 * 1024)
        return Fetched(status: Int(response.status.code), headers: response.headers, body: String(buffer: body))
    }

    @Test func rootServesThePageWithSecurityAndCacheHeaders() async throws {
        try await LiveServer().run { client in
            let page = try await Self.fetch(client, "/")
            #expect(page.status == 200)
            #expect(page.header("Content-Type") == "text/html; charset=utf-8")
            #expect(page.body.contains(#"<form id="deploy-form""#))
            #expect(page.body.contains(#"id="deployment-progress""#))
            #expect(page.header("Cache-Control") == "no-cache")
            #expect(page.header("X-Content-Type-Options") == "nosniff")
            let policy = try #require(page.header("Content-Security-Policy"))
            #expect(policy.contains("script-src 'self'"))
            #expect(policy.contains("default-src 'none'"))
            #expect(!policy.contains("unsafe-inline"))
            #expect(!policy.contains("unsafe-eval"))
            let etag = try #require(page.header("ETag"))
            #expect(etag.count == 34 && etag.hasPrefix("\"") && etag.hasSuffix("\""))
        }
    }

    @Test func everyFileThePageLoadsIsServedWithItsType() async throws {
        try await LiveServer().run { client in
            let page = try await Self.fetch(client, "/")
            let referenced = Self.matches(of: #"(?:href|src)="(/assets/[^"]+)""#, in: page.body)
            #expect(Set(referenced) == ["/assets/icon.svg", "/assets/baton.css", "/assets/js/main.js"])
            var modules = ["/assets/js/main.js"]
            var seen: Set<String> = []
            while let path = modules.popLast() {
                guard seen.insert(path).inserted else { continue }
                let script = try await Self.fetch(client, path)
                #expect(script.status == 200, "\(path)")
                #expect(script.header("Content-Type") == "text/javascript; charset=utf-8", "\(path)")
                modules += Self.matches(of: #"from '\./([a-z-]+\.js)'"#, in: script.body).map { "/assets/js/\($0)" }
            }
            #expect(seen.count >= 7, "main.js imports the page's other modules: \(seen.sorted())")
            let css = try await Self.fetch(client, "/assets/baton.css")
            #expect(css.status == 200 && css.header("Content-Type") == "text/css; charset=utf-8")
            #expect(css.body.contains("tailwindcss"))
            let icon = try await Self.fetch(client, "/assets/icon.svg")
            #expect(icon.status == 200 && icon.header("Content-Type") == "image/svg+xml")
        }
    }

    /// SwiftPM embeds the page's folder whole (`.embedInCode` in Package.swift), but a file is served only once
    /// `WebAsset.embedded` gives it a path: every file there (but Tailwind's input) is served as it is on disk, at `/`
    /// for index.html, `/assets/baton.css` for the built CSS and `/assets/<its path>` for the rest.
    @Test func everyFileOfThePageFolderIsServedAsItIsOnDisk() async throws {
        let page = ProcessEnvironment.repositoryRoot.appendingPathComponent("Sources/BatonServer/Web/Page")
        let files = try #require(FileManager.default.enumerator(atPath: page.path)).compactMap { $0 as? String }
            .filter { file in
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: page.appendingPathComponent(file).path, isDirectory: &isDirectory)
                return exists && !isDirectory.boolValue && !file.hasPrefix(".") && !file.contains("/.") && file != "input.css"
            }
        #expect(files.contains("index.html") && files.contains("js/main.js"), "\(files)")
        try await LiveServer().run { client in
            for file in files.sorted() {
                let path = switch file {
                case "index.html": "/"
                case "dist/baton.css": "/assets/baton.css"
                default: "/assets/\(file)"
                }
                let served = try await Self.fetch(client, path)
                guard served.status == 200 else {
                    Issue.record("Web/Page/\(file) is not served at \(path) (\(served.status)): add its line to WebAsset.embedded")
                    continue
                }
                let asOnDisk = try Array(served.body.utf8) == Array(Data(contentsOf: page.appendingPathComponent(file)))
                #expect(asOnDisk, "\(path) is not Web/Page/\(file) as it is on disk")
            }
        }
    }

    @Test(arguments: ["/", "/assets/js/main.js", "/assets/baton.css"])
    func aKnownETagIsAnsweredNotModified(path: String) async throws {
        try await LiveServer().run { client in
            let first = try await Self.fetch(client, path)
            let etag = try #require(first.header("ETag"))
            let exact = try await Self.fetch(client, path, headers: [("If-None-Match", etag)])
            #expect(exact.status == 304)
            #expect(exact.body.isEmpty)
            #expect(exact.header("ETag") == etag)
            let listed = try await Self.fetch(client, path, headers: [("If-None-Match", #""0000", W/\#(etag)"#)])
            #expect(listed.status == 304)
            let other = try await Self.fetch(client, path, headers: [("If-None-Match", #""0000""#)])
            #expect(other.status == 200)
            #expect(other.body == first.body)
        }
    }

    @Test(arguments: ["/nowhere", "/assets/js/missing.js", "/index.html.bak"])
    func unknownPathsStayJSONNotFound(path: String) async throws {
        try await LiveServer().run { client in
            let reply = try await client.get(path)
            #expect(reply.status == 404)
            #expect(reply.errorCode == "not_found")
        }
    }

    static func matches(of pattern: String, in text: String) -> [String] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
