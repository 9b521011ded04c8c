import Foundation

/// `application/x-www-form-urlencoded`, the body of OAuth token requests and of the consent form (and the query of
/// redirects back to the client).
enum FormURLEncoded {
    /// Characters sent as themselves; everything else is percent-encoded (space too, never as `+`).
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// The name/value pairs of `data`; the first value wins when a name repeats. `+` is a space.
    static func parse(_ data: Data) -> [String: String] {
        parse(String(decoding: data, as: UTF8.self))
    }

    /// The name/value pairs of `text`; the first value wins when a name repeats. `+` is a space.
    static func parse(_ text: String) -> [String: String] {
        var pairs: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            if pairs[name] == nil { pairs[name] = value }
        }
        return pairs
    }

    /// `pairs` encoded in order, e.g. `code=abc&state=x%20y`.
    static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    /// `text` percent-encoded except for unreserved characters.
    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
