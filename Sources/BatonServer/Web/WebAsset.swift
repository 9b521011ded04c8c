/// One file of the web page, embedded in the binary so `baton serve` serves the page from any working directory.
///
/// The embedded files are generated from `web/` by `scripts/build-web` into `EmbeddedWebAssets.swift`.
struct WebAsset: Sendable {
    /// The path it is served at, such as `/` or `/assets/js/main.js`.
    let path: String
    /// The `Content-Type` it is served with.
    let contentType: String
    /// A strong entity tag computed from its content, quoted, such as `"3f2a…"`.
    let etag: String
    /// The file's text (UTF-8).
    let body: String
}
