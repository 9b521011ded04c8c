import BatonSandbox
import Foundation
import HTTPTypes
import Testing

@Suite("OAuth sign-in: every refusal")
struct OAuthRefusalTests {
    private static func codeGrant(
        _ code: String, verifier: String = pkceVerifier, redirectURI: String = oauthRedirectURI
    ) -> [(String, String)] {
        [("code", code), ("redirect_uri", redirectURI), ("code_verifier", verifier)]
    }

    private static func vercelCodeGrant(
        _ code: String, verifier: String = pkceVerifier, redirectURI: String = oauthRedirectURI
    ) -> [(String, String)] {
        [("grant_type", "authorization_code")] + codeGrant(code, verifier: verifier, redirectURI: redirectURI)
    }

    /// A verifier of the right shape whose challenge is not ``pkceChallenge``.
    private static let wrongVerifier = String(repeating: "w", count: 43)

    @Test("A code is single-use: the second exchange is refused (GitHub 200 bad_verification_code, Vercel 400)")
    func codeReuse() async throws {
        try await SandboxHarness().runLive { client in
            let code = try await client.code(github: true, SandboxClient.gitHubAuthorization(), user: "octo-alice")
            #expect(try await client.gitHubToken(Self.codeGrant(code)).json?["access_token"] != nil)
            let again = try await client.gitHubToken(Self.codeGrant(code))
            #expect(again.status == 200)
            #expect(again.json?["error"]?.string == "bad_verification_code")
            #expect(again.json?["access_token"] == nil)

            let vercelCode = try await client.code(github: false, SandboxClient.vercelAuthorization(), user: "alice")
            #expect(try await client.vercelToken(Self.vercelCodeGrant(vercelCode)).status == 200)
            let vercelAgain = try await client.vercelToken(Self.vercelCodeGrant(vercelCode))
            #expect(vercelAgain.status == 400)
            #expect(vercelAgain.json?["error"]?.string == "invalid_grant")
            #expect(vercelAgain.json?["error_description"]?.string != nil)
        }
    }

    @Test("A code expires after 10 minutes")
    func codeExpiry() async throws {
        try await SandboxHarness().runLive { client in
            let github = try await client.code(github: true, SandboxClient.gitHubAuthorization(), user: "octo-alice")
            let vercel = try await client.code(github: false, SandboxClient.vercelAuthorization(), user: "alice")
            client.clock.advance(by: 601)
            #expect(try await client.gitHubToken(Self.codeGrant(github)).json?["error"]?.string == "bad_verification_code")
            let refused = try await client.vercelToken(Self.vercelCodeGrant(vercel))
            #expect(refused.status == 400 && refused.json?["error"]?.string == "invalid_grant")

            let fresh = try await client.code(github: true, SandboxClient.gitHubAuthorization(), user: "octo-alice")
            client.clock.advance(by: 599)
            #expect(try await client.gitHubToken(Self.codeGrant(fresh)).json?["access_token"] != nil)
        }
    }

    @Test("A verifier whose S256 challenge is not the code's is refused, and uses the code up")
    func wrongVerifier() async throws {
        try await SandboxHarness().runLive { client in
            let github = try await client.code(github: true, SandboxClient.gitHubAuthorization(), user: "octo-alice")
            let refused = try await client.gitHubToken(Self.codeGrant(github, verifier: Self.wrongVerifier))
            #expect(refused.json?["error"]?.string == "bad_verification_code")
            #expect(try await client.gitHubToken(Self.codeGrant(github)).json?["error"]?.string == "bad_verification_code")
            let missing = try await client.code(github: true, SandboxClient.gitHubAuthorization(), user: "octo-alice")
            let withoutVerifier = try await client.gitHubToken([("code", missing), ("redirect_uri", oauthRedirectURI)])
            #expect(withoutVerifier.json?["error"]?.string == "bad_verification_code")

            let vercel = try await client.code(github: false, SandboxClient.vercelAuthorization(), user: "alice")
            let vercelRefused = try await client.vercelToken(Self.vercelCodeGrant(vercel, verifier: Self.wrongVerifier))
            #expect(vercelRefused.status == 400 && vercelRefused.json?["error"]?.string == "invalid_grant")
            // A client that sends the verifier itself as the challenge (the `plain` method's way) is refused.
            let plainCode = try await client.code(
                github: false, SandboxClient.vercelAuthorization(challenge: pkceVerifier), user: "alice")
            let plain = try await client.vercelToken(Self.vercelCodeGrant(plainCode))
            #expect(plain.status == 400 && plain.json?["error"]?.string == "invalid_grant")
        }
    }

    @Test("The plain method is refused at the authorization endpoint: back to the client with invalid_request")
    func plainMethod() async throws {
        try await SandboxHarness().runLive { client in
            for github in [true, false] {
                let parameters =
                    github
                    ? SandboxClient.gitHubAuthorization(method: "plain")
                    : SandboxClient.vercelAuthorization(method: "plain")
                let page = try await client.authorizePage(github: github, parameters)
                #expect(page.status == 302)
                #expect(page.locationQuery["error"] == "invalid_request")
                #expect(page.locationQuery["error_description"]?.contains("S256") == true)
                #expect(page.locationQuery["state"] != nil)
                let consent = try await client.consent(github: github, parameters, user: github ? "octo-alice" : "alice")
                #expect(consent.locationQuery["error"] == "invalid_request")
                #expect(consent.locationQuery["code"] == nil)
                let noMethod =
                    github
                    ? SandboxClient.gitHubAuthorization(method: nil)
                    : SandboxClient.vercelAuthorization(method: nil)
                let plainByDefault = try await client.authorizePage(github: github, noMethod)
                #expect(plainByDefault.locationQuery["error"] == "invalid_request", "without a method it is plain")
            }
            #expect(try await client.state()["oauth"]?["codesIssued"]?.int == 0)
        }
    }

    @Test("Vercel requires a PKCE challenge and response_type=code")
    func vercelRequiresChallenge() async throws {
        try await SandboxHarness().runLive { client in
            let parameters = SandboxClient.vercelAuthorization(challenge: nil, method: nil)
            let page = try await client.authorizePage(github: false, parameters)
            #expect(page.status == 302)
            #expect(page.locationQuery["error"] == "invalid_request")
            #expect(page.locationQuery["error_description"]?.contains("code_challenge") == true)
            #expect(try await client.consent(github: false, parameters, user: "alice").locationQuery["code"] == nil)
            let token = SandboxClient.vercelAuthorization().map { $0.0 == "response_type" ? ($0.0, "token") : $0 }
            let implicit = try await client.authorizePage(github: false, token)
            #expect(implicit.locationQuery["error"] == "unsupported_response_type")
        }
    }

    @Test("A wrong client secret: GitHub 200 incorrect_client_credentials, Vercel 401 invalid_client (body or Basic)")
    func wrongClientSecret() async throws {
        try await SandboxHarness().runLive { client in
            let code = try await client.code(github: true, SandboxClient.gitHubAuthorization(), user: "octo-alice")
            let github = try await client.gitHubToken(Self.codeGrant(code) + [("client_secret", "wrong")])
            #expect(github.status == 200)
            #expect(github.json?["error"]?.string == "incorrect_client_credentials")
            #expect(github.json?["error_uri"]?.string?.hasPrefix("https://docs.github.com/") == true)
            #expect(try await client.gitHubToken(Self.codeGrant(code)).json?["access_token"] != nil,
                "a refused client does not use the code up")

            let vercelCode = try await client.code(github: false, SandboxClient.vercelAuthorization(), user: "alice")
            let post = try await client.vercelToken(Self.vercelCodeGrant(vercelCode) + [("client_secret", "wrong")])
            #expect(post.status == 401)
            #expect(post.json?["error"]?.string == "invalid_client")
            let basic = try await client.vercelToken(
                Self.vercelCodeGrant(vercelCode), basic: (ProviderSandbox.vercelOAuthClientID, "wrong"))
            #expect(basic.status == 401)
            #expect(basic.json?["error"]?.string == "invalid_client")
            #expect(basic.header("www-authenticate")?.hasPrefix("Basic") == true)
            let both = try await client.vercelToken(
                Self.vercelCodeGrant(vercelCode) + [("client_secret", ProviderSandbox.vercelOAuthClientSecret)],
                basic: (ProviderSandbox.vercelOAuthClientID, ProviderSandbox.vercelOAuthClientSecret))
            #expect(both.status == 400 && both.json?["error"]?.string == "invalid_request")
            #expect(try await client.vercelToken(Self.vercelCodeGrant(vercelCode)).status == 200)
        }
    }

    @Test("A redirect_uri other than the authorization request's is refused")
    func redirectMismatch() async throws {
        try await SandboxHarness().runLive { client in
            let code = try await client.code(github: true, SandboxClient.gitHubAuthorization(), user: "octo-alice")
            let github = try await client.gitHubToken(Self.codeGrant(code, redirectURI: "http://127.0.0.1:9/elsewhere"))
            #expect(github.status == 200 && github.json?["error"]?.string == "redirect_uri_mismatch")
            let vercelCode = try await client.code(github: false, SandboxClient.vercelAuthorization(), user: "alice")
            let vercel = try await client.vercelToken(
                Self.vercelCodeGrant(vercelCode, redirectURI: "http://127.0.0.1:9/elsewhere"))
            #expect(vercel.status == 400 && vercel.json?["error"]?.string == "invalid_grant")
        }
    }

    @Test("Unknown grant types, missing parameters, unknown clients and unusable redirect URIs are refused")
    func malformedRequests() async throws {
        try await SandboxHarness().runLive { client in
            let github = try await client.gitHubToken([("grant_type", "client_credentials")])
            #expect(github.json?["error"]?.string == "unsupported_grant_type")
            let vercel = try await client.vercelToken([("grant_type", "password")])
            #expect(vercel.status == 400 && vercel.json?["error"]?.string == "unsupported_grant_type")
            let noGrant = try await client.vercelToken([("code", "x")])
            #expect(noGrant.status == 400 && noGrant.json?["error"]?.string == "invalid_request")
            let noCode = try await client.vercelToken([("grant_type", "authorization_code")])
            #expect(noCode.status == 400 && noCode.json?["error"]?.string == "invalid_request")
            let json = try await client.raw(
                .post, "/sandbox/vercel/login/oauth/token", body: #"{"grant_type":"refresh_token"}"#,
                headers: [.contentType: "application/json"])
            #expect(json.status == 400 && json.json?["error"]?.string == "invalid_request")
            let elsewhere = try await client.raw(.post, "/sandbox/vercel/login/oauth/revoke")
            #expect(elsewhere.status == 404)

            let unknownClient = SandboxClient.gitHubAuthorization().map {
                $0.0 == "client_id" ? ($0.0, "Iv1.someoneelse") : $0
            }
            let page = try await client.authorizePage(github: true, unknownClient)
            #expect(page.status == 400 && page.header("location") == nil, "an unknown client is never redirected to")
            let badRedirect = try await client.authorizePage(
                github: false, SandboxClient.vercelAuthorization(redirectURI: "javascript:alert(1)"))
            #expect(badRedirect.status == 400 && badRedirect.header("location") == nil)
            let unknownUser = try await client.consent(github: true, SandboxClient.gitHubAuthorization(), user: "mallory")
            #expect(unknownUser.status == 400)
            #expect(try await client.state()["oauth"]?["refusals"]?.int == 8)
        }
    }

    @Test("oauthAccessTokenSeconds: tokens issued after it live that long, then GitHub answers 401 and Vercel 403")
    func accessTokenExpiry() async throws {
        try await SandboxHarness().runLive { client in
            let set = try await client.faults(#"{"oauthAccessTokenSeconds": 5}"#)
            #expect(set.status == 200)
            #expect(set.json?["oauthAccessTokenSeconds"]?.int == 5)
            #expect(try await client.control(.get, "/sandbox/faults").json?["oauthAccessTokenSeconds"]?.int == 5)
            let refused = try await client.faults(#"{"oauthAccessTokenSeconds": 0}"#)
            #expect(refused.status == 400)

            let code = try await client.code(github: true, SandboxClient.gitHubAuthorization(), user: "octo-alice")
            let exchange = try await client.gitHubToken(Self.codeGrant(code))
            #expect(exchange.json?["expires_in"]?.int == 5)
            let github = try #require(exchange.json?["access_token"]?.string)
            let vercel = try await client.vercelSignIn()
            #expect(try await client.github(.get, "/user", token: github).status == 200)
            #expect(try await client.vercel(.get, "/v2/user", token: vercel.accessToken).status == 200)

            client.clock.advance(by: 6)
            let expired = try await client.github(.get, "/user", token: github)
            #expect(expired.status == 401)
            #expect(expired.json?["message"]?.string == "Bad credentials")
            let vercelExpired = try await client.vercel(.get, "/v2/user", token: vercel.accessToken)
            #expect(vercelExpired.status == 403)
            #expect(vercelExpired.vercelErrorCode == "forbidden")
            #expect(vercelExpired.json?["error"]?["invalidToken"]?.bool == true)
            let refreshed = try await client.vercelToken([
                ("grant_type", "refresh_token"), ("refresh_token", vercel.refreshToken ?? ""),
            ])
            #expect(refreshed.json?["expires_in"]?.int == 5, "the refresh token outlives its access token")

            let reset = try await client.faults("{}")
            #expect(reset.json?["oauthAccessTokenSeconds"]?.isNull == true)
            let later = try await client.code(github: true, SandboxClient.gitHubAuthorization(), user: "octo-alice")
            #expect(try await client.gitHubToken(Self.codeGrant(later)).json?["expires_in"]?.int == 28800)
        }
    }

    @Test("Tokens shaped like the apps' but never issued, or sent to the other provider, are bad tokens")
    func unknownAndForeignTokens() async throws {
        try await SandboxHarness().runLive { client in
            #expect(try await client.github(.get, "/user", token: "ghu_neverissued").status == 401)
            #expect(try await client.vercel(.get, "/v2/user", token: "vca_neverissued").status == 403)
            let github = try await client.gitHubSignIn()
            let vercel = try await client.vercelSignIn()
            #expect(try await client.vercel(.get, "/v2/user", token: github.accessToken).status == 403)
            #expect(try await client.github(.get, "/user", token: vercel.accessToken).status == 401)
            #expect(try await client.github(.get, "/user", token: github.refreshToken).status == 401)
            #expect(!ProviderSandbox.accepts(token: "ghu_anything") && ProviderSandbox.accepts(token: "ghp_anything"))
            try await client.faults(#"{"rejectTokens": true}"#)
            #expect(try await client.github(.get, "/user", token: github.accessToken).status == 401)
        }
    }
}
