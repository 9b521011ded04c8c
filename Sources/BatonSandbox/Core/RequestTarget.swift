import Foundation

/// The path and query of a request URI, split and percent-decoded.
struct RequestTarget: Sendable, Equatable {
    /// Path components below the provider prefix, percent-decoded (`/repos/o/r` → `["repos", "o", "r"]`).
    let components: [String]
    /// The path below the provider prefix as sent, e.g. `/repos/o/r`.
    let path: String
    /// Query parameters; the first value wins when a name repeats.
    let query: [String: String]

    /// Splits `rawPath` (the full request path) below `prefix` and decodes `rawQuery`.
    init(rawPath: String, rawQuery: String?, below prefix: String) {
        let relative = rawPath.hasPrefix(prefix) ? String(rawPath.dropFirst(prefix.count)) : rawPath
        path = relative.isEmpty ? "/" : relative
        components = relative.split(separator: "/", omittingEmptySubsequences: true).map { component in
            String(component).removingPercentEncoding ?? String(component)
        }
        var pairs: [String: String] = [:]
        for pair in (rawQuery ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decodeQueryComponent(parts[0])
            let value = parts.count > 1 ? Self.decodeQueryComponent(parts[1]) : ""
            if pairs[name] == nil { pairs[name] = value }
        }
        query = pairs
    }

    private static func decodeQueryComponent(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
