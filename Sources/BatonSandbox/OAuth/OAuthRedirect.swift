/// Locations the authorization endpoints send the browser back to.
enum OAuthRedirect {
    /// `redirectURI` with `parameters` added to its query (after any query it already has).
    static func location(_ redirectURI: String, _ parameters: [(String, String)]) -> String {
        let separator =
            if !redirectURI.contains("?") { "?" } else if redirectURI.hasSuffix("?") || redirectURI.hasSuffix("&") {
                ""
            } else { "&" }
        return redirectURI + separator + FormURLEncoded.encode(parameters)
    }

    /// `redirectURI` with the code and the client's state.
    static func code(_ redirectURI: String, _ code: String, state: String?) -> String {
        location(redirectURI, [("code", code)] + (state.map { [("state", $0)] } ?? []))
    }

    /// `redirectURI` with an error (RFC 6749 §4.1.2.1), an optional `error_uri`, and the client's state.
    static func error(
        _ redirectURI: String, _ error: String, _ description: String, uri: String? = nil, state: String?
    ) -> String {
        var parameters = [("error", error), ("error_description", description)]
        if let uri { parameters.append(("error_uri", uri)) }
        if let state { parameters.append(("state", state)) }
        return location(redirectURI, parameters)
    }
}
