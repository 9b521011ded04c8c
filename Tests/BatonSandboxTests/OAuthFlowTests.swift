import BatonSandbox
import Foundation
import HTTPTypes
import Testing

@Suite("OAuth sign-in: the code flow over real HTTP")
struct OAuthFlowTests {
    @Test("GitHub: consent page, consent, code exchange, then /user, /user/installations and /user/orgs as octo-alice")
    func gitHubCodeFlow() async throws {
        try await SandboxHarness().runLive { client in
            let page = try await client.authorizePage(github: true, SandboxClient.gitHubAuthorization())
            #expect(page.status == 200)
            #expect(page.header("content-type") == "text/html; charset=utf-8")
            #expect(page.text.contains(#"data-sandbox-user="octo-alice""#))
            #expect(page.text.contains(#"data-sandbox-user="octo-bob""#))
            #expect(page.text.contains("data-sandbox-deny"))
            #expect(page.text.contains(#"<form method="post" action="/sandbox/github.com/login/oauth/authorize">"#))
            #expect(page.text.contains(#"name="code_challenge" value="\#(pkceChallenge)""#))
            #expect(!page.text.contains("<script"))

            let consent = try await client.consent(github: true, SandboxClient.gitHubAuthorization(), user: "octo-alice")
            #expect(consent.status == 302)
            #expect(consent.header("location")?.hasPrefix(oauthRedirectURI + "?code=") == true)
            #expect(consent.locationQuery["state"] == "st-gh")
            let code = consent.locationQuery["code"] ?? ""
            #expect(code.count == 20)

            let exchange = try await client.gitHubToken([
                ("code", code), ("redirect_uri", oauthRedirectURI), ("code_verifier", pkceVerifier),
            ])
            #expect(exchange.status == 200)
            #expect(exchange.header("cache-control") == "no-store")
            let tokens = try #require(exchange.json)
            let access = try #require(tokens["access_token"]?.string)
            #expect(access.hasPrefix("ghu_"))
            #expect(tokens["refresh_token"]?.string?.hasPrefix("ghr_") == true)
            #expect(tokens["expires_in"]?.int == 28800)
            #expect(tokens["refresh_token_expires_in"]?.int == 15_897_600)
            #expect(tokens["scope"]?.string == "")
            #expect(tokens["token_type"]?.string == "bearer")

            let user = try await client.github(.get, "/user", token: access)
            #expect(user.status == 200)
            #expect(user.json?["login"]?.string == "octo-alice")
            #expect(user.json?["type"]?.string == "User")
            let installations = try await client.github(.get, "/user/installations", token: access)
            #expect(installations.status == 200)
            #expect(installations.json?["total_count"]?.int == 2)
            let accounts = installations.json?["installations"]?.array?.compactMap { $0["account"]?["login"]?.string }
            #expect(accounts == ["octo-alice", "alice-labs"])
            #expect(installations.json?["installations"]?[0]?["app_slug"]?.string == ProviderSandbox.gitHubAppSlug)
            #expect(installations.json?["installations"]?[0]?["account"]?["type"]?.string == "User")
            #expect(installations.json?["installations"]?[1]?["permissions"]?["administration"]?.string == "write")
            let orgs = try await client.github(.get, "/user/orgs", token: access)
            #expect(orgs.json?.array?.compactMap { $0["login"]?.string } == ["alice-labs", "alice-archive"])

            let state = try await client.state()
            #expect(state["oauth"] == TestJSON.literal(#"{"codesIssued":1,"codeExchanges":1,"refreshes":0,"refusals":0}"#))
        }
    }

    @Test("GitHub: without Accept: application/json the token answer is form-encoded; a JSON request body works too")
    func gitHubFormAnswerAndJSONBody() async throws {
        try await SandboxHarness().runLive { client in
            let code = try await client.code(github: true, SandboxClient.gitHubAuthorization(), user: "octo-bob")
            let form = try await client.gitHubToken(
                [("code", code), ("redirect_uri", oauthRedirectURI), ("code_verifier", pkceVerifier)], json: false)
            #expect(form.status == 200)
            #expect(form.header("content-type") == "application/x-www-form-urlencoded; charset=utf-8")
            #expect(form.text.hasPrefix("access_token=ghu_"))
            #expect(form.text.contains("&expires_in=28800&") && form.text.hasSuffix("&scope=&token_type=bearer"))

            let second = try await client.code(github: true, SandboxClient.gitHubAuthorization(), user: "octo-bob")
            let body = [
                #""client_id":"\#(ProviderSandbox.gitHubOAuthClientID)""#,
                #""client_secret":"\#(ProviderSandbox.gitHubOAuthClientSecret)""#, #""code":"\#(second)""#,
                #""redirect_uri":"\#(oauthRedirectURI)""#, #""code_verifier":"\#(pkceVerifier)""#,
            ].joined(separator: ",")
            let json = try await client.raw(
                .post, "/sandbox/github.com/login/oauth/access_token", body: "{\(body)}",
                headers: [.contentType: "application/json", .accept: "application/json"])
            let token = try #require(json.json?["access_token"]?.string)
            #expect(try await client.github(.get, "/user", token: token).json?["login"]?.string == "octo-bob")
        }
    }

    @Test("GitHub allows an authorization without a PKCE challenge (then no verifier)")
    func gitHubWithoutChallenge() async throws {
        try await SandboxHarness().runLive { client in
            let parameters = SandboxClient.gitHubAuthorization(challenge: nil, method: nil)
            #expect(try await client.authorizePage(github: true, parameters).status == 200)
            let code = try await client.code(github: true, parameters, user: "octo-alice")
            let exchange = try await client.gitHubToken([("code", code), ("redirect_uri", oauthRedirectURI)])
            #expect(exchange.json?["access_token"]?.string?.hasPrefix("ghu_") == true)
        }
    }

    @Test("Vercel: consent page, consent, code exchange (secret in the body, then as HTTP Basic), /v2/user, /v2/teams")
    func vercelCodeFlow() async throws {
        try await SandboxHarness().runLive { client in
            let page = try await client.authorizePage(github: false, SandboxClient.vercelAuthorization())
            #expect(page.status == 200)
            #expect(page.text.contains(#"data-sandbox-user="alice""#) && page.text.contains(#"data-sandbox-user="bob""#))
            #expect(page.text.contains("data-sandbox-deny"))
            #expect(page.text.contains(#"action="/sandbox/vercel.com/oauth/authorize""#))

            let consent = try await client.consent(github: false, SandboxClient.vercelAuthorization(), user: "alice")
            #expect(consent.status == 302)
            #expect(consent.locationQuery["state"] == "st-vc")
            let code = try #require(consent.locationQuery["code"])
            let exchange = try await client.vercelToken([
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", oauthRedirectURI),
                ("code_verifier", pkceVerifier),
            ])
            #expect(exchange.status == 200)
            let tokens = try #require(exchange.json)
            let access = try #require(tokens["access_token"]?.string)
            #expect(access.hasPrefix("vca_"))
            #expect(tokens["refresh_token"]?.string?.hasPrefix("vcr_") == true)
            #expect(tokens["token_type"]?.string == "Bearer")
            #expect(tokens["expires_in"]?.int == 3600)
            #expect(tokens["scope"]?.string == "openid email profile offline_access")

            let user = try await client.vercel(.get, "/v2/user", token: access)
            #expect(user.json?["user"]?["username"]?.string == "alice")
            #expect(user.json?["user"]?["id"]?.string == "SbxUserAlice000000000001")
            let teams = try await client.vercel(.get, "/v2/teams", token: access)
            #expect(teams.status == 200)
            #expect(teams.json?["teams"]?[0]?["id"]?.string == "team_alicelabs")
            #expect(teams.json?["teams"]?[0]?["slug"]?.string == "alicelabs")
            #expect(teams.json?["teams"]?[0]?["name"]?.string == "Alice Labs")
            #expect(teams.json?["pagination"]?["count"]?.int == 1)

            let second = try await client.code(github: false, SandboxClient.vercelAuthorization(), user: "bob")
            let basic = try await client.vercelToken(
                [
                    ("grant_type", "authorization_code"), ("code", second), ("redirect_uri", oauthRedirectURI),
                    ("code_verifier", pkceVerifier),
                ],
                basic: (ProviderSandbox.vercelOAuthClientID, ProviderSandbox.vercelOAuthClientSecret))
            let bobToken = try #require(basic.json?["access_token"]?.string)
            #expect(try await client.vercel(.get, "/v2/user", token: bobToken).json?["user"]?["username"]?.string == "bob")
        }
    }

    @Test("Vercel issues a refresh token only with offline_access; unknown scopes are dropped")
    func vercelScopes() async throws {
        try await SandboxHarness().runLive { client in
            let parameters = SandboxClient.vercelAuthorization(scope: "openid email repo")
            let code = try await client.code(github: false, parameters, user: "alice")
            let exchange = try await client.vercelToken([
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", oauthRedirectURI),
                ("code_verifier", pkceVerifier),
            ])
            #expect(exchange.json?["scope"]?.string == "openid email")
            #expect(exchange.json?["access_token"]?.string?.hasPrefix("vca_") == true)
            #expect(exchange.json?["refresh_token"] == nil)
        }
    }

    @Test("The deny button sends the browser back with error=access_denied and the state, and issues nothing")
    func denial() async throws {
        try await SandboxHarness().runLive { client in
            let github = try await client.consent(github: true, SandboxClient.gitHubAuthorization(), user: nil)
            #expect(github.status == 302)
            #expect(github.header("location")?.hasPrefix(oauthRedirectURI + "?error=access_denied") == true)
            #expect(github.locationQuery["state"] == "st-gh")
            #expect(github.locationQuery["code"] == nil)
            let vercel = try await client.consent(github: false, SandboxClient.vercelAuthorization(), user: nil)
            #expect(vercel.locationQuery["error"] == "access_denied")
            #expect(vercel.locationQuery["state"] == "st-vc")
            #expect(try await client.state()["oauth"]?["codesIssued"]?.int == 0)
        }
    }

    @Test("Refreshing rotates: a new pair works, the used refresh token and the old access token are refused")
    func refreshRotation() async throws {
        try await SandboxHarness().runLive { client in
            let github = try await client.gitHubSignIn()
            let refreshed = try await client.gitHubToken([
                ("grant_type", "refresh_token"), ("refresh_token", github.refreshToken ?? ""),
            ])
            #expect(refreshed.status == 200)
            let newAccess = try #require(refreshed.json?["access_token"]?.string)
            let newRefresh = try #require(refreshed.json?["refresh_token"]?.string)
            #expect(newAccess != github.accessToken && newRefresh != github.refreshToken)
            #expect(try await client.github(.get, "/user", token: newAccess).json?["login"]?.string == "octo-alice")
            let old = try await client.github(.get, "/user", token: github.accessToken)
            #expect(old.status == 401)
            #expect(old.json?["message"]?.string == "Bad credentials")
            let reused = try await client.gitHubToken([
                ("grant_type", "refresh_token"), ("refresh_token", github.refreshToken ?? ""),
            ])
            #expect(reused.status == 200, "GitHub answers token errors with 200")
            #expect(reused.json?["error"]?.string == "bad_refresh_token")
            #expect(reused.json?["error_description"]?.string != nil && reused.json?["error_uri"]?.string != nil)

            let vercel = try await client.vercelSignIn()
            let vercelRefreshed = try await client.vercelToken([
                ("grant_type", "refresh_token"), ("refresh_token", vercel.refreshToken ?? ""),
            ])
            #expect(vercelRefreshed.status == 200)
            let vercelAccess = try #require(vercelRefreshed.json?["access_token"]?.string)
            #expect(vercelRefreshed.json?["refresh_token"]?.string?.hasPrefix("vcr_") == true)
            #expect(try await client.vercel(.get, "/v2/user", token: vercelAccess).status == 200)
            let vercelOld = try await client.vercel(.get, "/v2/user", token: vercel.accessToken)
            #expect(vercelOld.status == 403)
            #expect(vercelOld.json?["error"]?["invalidToken"]?.bool == true)
            let vercelReused = try await client.vercelToken([
                ("grant_type", "refresh_token"), ("refresh_token", vercel.refreshToken ?? ""),
            ])
            #expect(vercelReused.status == 400)
            #expect(vercelReused.json?["error"]?.string == "invalid_grant")

            let counters = try await client.state()["oauth"]
            #expect(counters?["refreshes"]?.int == 2)
            #expect(counters?["refusals"]?.int == 2)
        }
    }

    @Test("No token, code or client secret appears in /sandbox/state, /sandbox/faults or the exchange recording")
    func tokensStaySecret() async throws {
        let recording = FileManager.default.temporaryDirectory
            .appendingPathComponent("baton-sandbox-oauth-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: recording) }
        try await SandboxHarness(recordExchangesTo: recording.path).runLive { client in
            let github = try await client.gitHubSignIn()
            let vercel = try await client.vercelSignIn()
            _ = try await client.github(.get, "/user", token: github.accessToken)
            _ = try await client.github(.post, "/repos/baton-templates/app-a/forks", token: github.accessToken)
            _ = try await client.vercel(.get, "/v2/user", token: vercel.accessToken)
            let state = try await client.control(.get, "/sandbox/state")
            let faults = try await client.control(.get, "/sandbox/faults")
            let recorded = try String(contentsOf: recording, encoding: .utf8)
            #expect(recorded.contains("/user"), "the API calls are recorded")
            #expect(!recorded.contains("login/oauth"), "the token endpoints are not")
            for text in [String(describing: state.json), String(describing: faults.json), recorded] {
                for secret in [
                    github.accessToken, github.refreshToken ?? "-", vercel.accessToken, vercel.refreshToken ?? "-",
                    ProviderSandbox.gitHubOAuthClientSecret, ProviderSandbox.vercelOAuthClientSecret, "ghu_", "vca_",
                ] {
                    #expect(!text.contains(secret))
                }
            }
        }
    }
}
