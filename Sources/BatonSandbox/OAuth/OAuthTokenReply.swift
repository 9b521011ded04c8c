/// Token-endpoint answers worded the provider's way (providers.md §6.5 and the shared contract).
///
/// GitHub answers 200 even for errors, with an `error` member, as JSON when `Accept` asks for it and form-encoded
/// otherwise. Vercel answers JSON, errors with 400 (401 for `invalid_client`).
enum OAuthTokenReply {
    /// The answer of `app`'s token endpoint for `result`; `acceptsJSON` is whether the request's `Accept` asked for
    /// JSON (GitHub only), `usedBasic` whether the client authenticated with HTTP Basic.
    static func make(
        _ result: Result<OAuthTokenPair, OAuthRefusal>, app: OAuthApp, acceptsJSON: Bool, usedBasic: Bool
    ) -> OAuthHTTPReply {
        switch (app.provider, result) {
        case (.github, .success(let pair)):
            let fields: [(String, String)] = [
                ("access_token", pair.accessToken), ("expires_in", String(pair.accessTokenSeconds)),
                ("refresh_token", pair.refreshToken ?? ""),
                ("refresh_token_expires_in", String(pair.refreshTokenSeconds)), ("scope", pair.scope),
                ("token_type", "bearer"),
            ]
            return gitHub(fields, numbers: ["expires_in", "refresh_token_expires_in"], acceptsJSON: acceptsJSON)
        case (.github, .failure(let refusal)):
            let (code, anchor) = gitHubError(refusal.kind)
            let fields = [("error", code), ("error_description", refusal.description), ("error_uri", anchor)]
            return gitHub(fields, numbers: [], acceptsJSON: acceptsJSON)
        case (.vercel, .success(let pair)):
            var document: [String: JSONValue] = [
                "access_token": .string(pair.accessToken), "token_type": "Bearer",
                "expires_in": .int(pair.accessTokenSeconds), "scope": .string(pair.scope),
            ]
            document["refresh_token"] = pair.refreshToken.map(JSONValue.string)
            return .json(200, .object(document))
        case (.vercel, .failure(let refusal)):
            let (status, code) = vercelError(refusal.kind)
            var reply = OAuthHTTPReply.json(
                status, ["error": .string(code), "error_description": .string(refusal.description)])
            if status == 401, usedBasic {
                // RFC 6749 §5.2: a client that tried HTTP Basic gets the scheme it may use.
                reply.headers["www-authenticate"] = #"Basic realm="vercel""#
            }
            return reply
        }
    }

    private static func gitHub(
        _ fields: [(String, String)], numbers: Set<String>, acceptsJSON: Bool
    ) -> OAuthHTTPReply {
        guard acceptsJSON else { return .form(200, fields) }
        var document: [String: JSONValue] = [:]
        for (name, value) in fields {
            document[name] = numbers.contains(name) ? Int(value).map(JSONValue.int) ?? .string(value) : .string(value)
        }
        return .json(200, .object(document))
    }

    /// GitHub's error code and `error_uri` for `kind`.
    private static func gitHubError(_ kind: OAuthRefusal.Kind) -> (String, String) {
        let troubleshooting =
            "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/"
        let apps = "https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/"
        return switch kind {
        case .client: ("incorrect_client_credentials", troubleshooting + "#incorrect-client-credentials")
        case .code, .request: ("bad_verification_code", troubleshooting + "#bad-verification-code")
        case .redirectURI: ("redirect_uri_mismatch", troubleshooting + "#redirect-uri-mismatch")
        case .refreshToken: ("bad_refresh_token", apps + "refreshing-user-access-tokens")
        case .grantType: ("unsupported_grant_type", apps + "generating-a-user-access-token-for-a-github-app")
        }
    }

    /// Vercel's status and error code for `kind` (RFC 6749 §5.2).
    private static func vercelError(_ kind: OAuthRefusal.Kind) -> (Int, String) {
        switch kind {
        case .client: (401, "invalid_client")
        case .request: (400, "invalid_request")
        case .code, .redirectURI, .refreshToken: (400, "invalid_grant")
        case .grantType: (400, "unsupported_grant_type")
        }
    }
}
