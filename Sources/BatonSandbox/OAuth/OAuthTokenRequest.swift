import Foundation

/// A request to a token endpoint: its parameters and the client credentials of an `Authorization: Basic` header.
struct OAuthTokenRequest: Sendable {
    /// Client credentials sent as HTTP Basic (`client_secret_basic`, RFC 6749 §2.3.1).
    struct BasicCredentials: Sendable, Equatable {
        let clientID: String
        let clientSecret: String
    }

    /// The body's parameters (GitHub: after the query's, which the body overrides).
    let parameters: [String: String]
    /// The HTTP Basic credentials, if the request had them.
    let basic: BasicCredentials?

    /// Reads a request to `app`'s token endpoint. Bodies are `application/x-www-form-urlencoded`; GitHub also takes
    /// a JSON object and parameters in the query. Vercel answers any other body `invalid_request`.
    static func read(
        app: OAuthApp, body: Data, contentType: String?, query: [String: String], authorization: String?
    ) -> Result<OAuthTokenRequest, OAuthRefusal> {
        let mediaType = contentType?.split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        var parameters: [String: String] = app.provider == .github ? query : [:]
        switch mediaType {
        case "application/json" where app.provider == .github:
            guard let members = JSONValue.parse(body)?.objectValue else {
                return .failure(OAuthRefusal(.code, "The body is not a JSON object."))
            }
            for (name, value) in members {
                if let text = value.stringValue ?? value.intValue.map(String.init) { parameters[name] = text }
            }
        case nil, "application/x-www-form-urlencoded":
            parameters.merge(FormURLEncoded.parse(body)) { _, body in body }
        default:
            guard app.provider == .github else {
                return .failure(OAuthRefusal(.request, "The body must be application/x-www-form-urlencoded."))
            }
            parameters.merge(FormURLEncoded.parse(body)) { _, body in body }
        }
        return .success(OAuthTokenRequest(parameters: parameters, basic: basicCredentials(authorization)))
    }

    /// The value of `name`, nil when absent or empty.
    func parameter(_ name: String) -> String? {
        parameters[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The credentials of a `Basic` header (empty when it cannot be decoded); nil without one.
    private static func basicCredentials(_ header: String?) -> BasicCredentials? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.first?.lowercased() == "basic" else { return nil }
        guard parts.count == 2,
            let decoded = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
            let text = String(data: decoded, encoding: .utf8)
        else { return BasicCredentials(clientID: "", clientSecret: "") }
        let pair = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        // RFC 6749 §2.3.1: the id and the secret are form-encoded before they are joined.
        let decode = { (part: Substring) in
            part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
        }
        return BasicCredentials(clientID: decode(pair[0]), clientSecret: pair.count > 1 ? decode(pair[1]) : "")
    }
}
