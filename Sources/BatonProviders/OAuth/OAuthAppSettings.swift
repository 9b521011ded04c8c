/// An OAuth app registered with a provider: its client id and secret, and where its endpoints are.
public struct OAuthAppSettings: Sendable {
    /// The app's client id (GitHub: the App's *client ID*, not its app id).
    public var clientID: String
    /// The app's client secret. Never printed.
    public var clientSecret: ProviderToken
    /// The authorize page the browser is sent to.
    public var authorizeURL: String
    /// The token endpoint codes and refresh tokens are traded at.
    public var tokenURL: String

    public init(clientID: String, clientSecret: ProviderToken, authorizeURL: String, tokenURL: String) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.authorizeURL = authorizeURL
        self.tokenURL = tokenURL
    }

    /// `authorizeURL` with `parameters` as its query.
    func authorizationURL(_ parameters: [(String, String)]) -> String {
        authorizeURL + (authorizeURL.contains("?") ? "&" : "?") + FormEncoding.encode(parameters)
    }
}

/// `application/x-www-form-urlencoded`, as OAuth token endpoints take it (RFC 6749 appendix B).
enum FormEncoding {
    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

    static func encode(_ parameters: [(String, String)]) -> String {
        parameters.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for byte in text.utf8 {
            if unreserved.contains(byte) {
                escaped.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                escaped += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return escaped
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
