import Crypto
import Foundation

/// One file of the web page, embedded in the binary so `baton serve` serves the page from any working directory.
///
/// The page's files live in `Sources/BatonServer/Web/Page/`, which Package.swift embeds whole in this target
/// (`resources: [.embedInCode("Web/Page")]`): SwiftPM compiles each file into a `PackageResources` property named
/// after the file alone (`js/main.js` becomes `PackageResources.main_js`), without listing them anywhere.
/// ``embedded`` maps them to the paths they are served at; a new script in `Page/js/` needs its line there
/// (`WebAssetRoutesTests` fails until every file in `Page/js/` is served).
struct WebAsset: Sendable {
    /// The path it is served at, such as `/` or `/assets/js/main.js`.
    let path: String
    /// The `Content-Type` it is served with.
    let contentType: String
    /// A strong entity tag computed from its content, quoted, such as `"3f2a…"`.
    let etag: String
    /// The file's text (the page's files are UTF-8).
    let body: String

    init(path: String, contentType: String, body: [UInt8]) {
        self.path = path
        self.contentType = contentType
        self.body = String(decoding: body, as: UTF8.self)
        self.etag = "\"\(Self.hex(SHA256.hash(data: body)).prefix(32))\""
    }

    /// A script of `Page/js/`, served at `/assets/js/NAME`.
    static func script(_ name: String, _ body: [UInt8]) -> WebAsset {
        WebAsset(path: "/assets/js/\(name)", contentType: "text/javascript; charset=utf-8", body: body)
    }

    /// Every file of the web page, as `baton serve` serves it (the ETags are computed once, on first use).
    static let embedded: [WebAsset] = [
        WebAsset(path: "/", contentType: "text/html; charset=utf-8", body: PackageResources.index_html),
        WebAsset(path: "/assets/baton.css", contentType: "text/css; charset=utf-8", body: PackageResources.baton_css),
        WebAsset(path: "/assets/icon.svg", contentType: "image/svg+xml", body: PackageResources.icon_svg),
        script("account-suggestions.js", PackageResources.account_suggestions_js),
        script("api.js", PackageResources.api_js),
        script("connect-return.js", PackageResources.connect_return_js),
        script("connections.js", PackageResources.connections_js),
        script("credential.js", PackageResources.credential_js),
        script("deployment.js", PackageResources.deployment_js),
        script("dom.js", PackageResources.dom_js),
        script("durations.js", PackageResources.durations_js),
        script("form.js", PackageResources.form_js),
        script("icons.js", PackageResources.icons_js),
        script("main.js", PackageResources.main_js),
        script("progress.js", PackageResources.progress_js),
        script("results.js", PackageResources.results_js),
        script("session.js", PackageResources.session_js),
    ]

    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef")
        var text = ""
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return text
    }
}
