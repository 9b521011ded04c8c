import AsyncHTTPClient
import BatonCore
import BatonTestSupport
import Foundation
import NIOCore
import Testing

/// `baton deploy --github-token-env VAR --vercel-token-env VAR`: a user deploys into their own accounts with their own
/// tokens (here, ones the sandbox issued to `octo-bob` and `bob` through its OAuth apps, as a user's personal tokens
/// would be), sent once with `init` and kept sealed.
@Suite("baton deploy with the user's own tokens", .serialized)
struct OwnTokensCLITests {
    /// The access token the sandbox's OAuth app `provider` issues to `user`: authorize, consent, trade the code.
    private static func userToken(_ provider: String, user: String, server: String, http: HTTPClient) async throws -> String {
        let browser = ConsentPageBrowser(baseURL: server, http: http)
        let verifier = "a-verifier-of-at-least-forty-three-characters-0123456789"
        let challenge = SecretIdentifiers.codeChallenge(verifier)
        let callback = "http://127.0.0.1:9/callback"
        let (authorize, token, client, secret) = provider == "github"
            ? ("/sandbox/github.com/login/oauth/authorize", "/sandbox/github.com/login/oauth/access_token", "Iv1.sandboxgithubapp", "sandbox-github-client-secret")
            : ("/sandbox/vercel.com/oauth/authorize", "/sandbox/vercel/login/oauth/token", "cl_sandbox_vercel_app", "sandbox-vercel-client-secret")
        let query = "client_id=\(client)&redirect_uri=\(callback)&response_type=code&scope=openid%20offline_access&state=s1&code_challenge=\(challenge)&code_challenge_method=S256"
        let location = try await browser.consent(server + authorize + "?" + query, as: user)
        let code = try #require(URLComponents(string: location)?.queryItems?.first { $0.name == "code" }?.value)
        let answer = try await browser.send("POST", server + token, form: [
            ("grant_type", "authorization_code"), ("client_id", client), ("client_secret", secret), ("code", code),
            ("redirect_uri", callback), ("code_verifier", verifier),
        ], accept: "application/json")
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(answer.body.utf8))
        return try #require(json.objectValue?["access_token"]?.stringValue, "\(answer.body)")
    }

    @Test func deployGoesIntoTheTokensOwnersAccountsOnlyAndNeverKeepsThemInPlainText() async throws {
        let folder = try ProcessEnvironment.scratchFolder("own-tokens")
        let http = ConsentPageBrowser.makeHTTPClient()
        do {
            let server = try await ServerProcess.start(
                "serve",
                arguments: { ["serve", "--sandbox", "--port", "\($0)", "--store", "sqlite:\(folder.path)/baton.sqlite",
                              "--sandbox-fork-seconds", "0.3", "--sandbox-build-seconds", "0.5", "--log-level", "debug"] },
                readinessPath: "/healthz", environment: ProcessEnvironment.childEnvironment(), folder: folder, http: http)
            defer { server.kill() }
            let github = try await Self.userToken("github", user: "octo-bob", server: server.baseURL, http: http)
            let vercel = try await Self.userToken("vercel", user: "bob", server: server.baseURL, http: http)
            let environment = ["BATON_HOME": folder.appendingPathComponent("home").path, "MY_GH": github, "MY_VC": vercel]
            let deploy = ["deploy", "--server", server.baseURL, "--apps", "app-b", "--json",
                          "--github-token-env", "MY_GH", "--vercel-token-env", "MY_VC"]

            let half = try await BatonRun.runDetached(["deploy", "--server", server.baseURL, "--owner", "octo-bob", "--github-token-env", "MY_GH"], environment: environment)
            #expect(half.status == 2 && half.errors.contains("go together"), "\(half.errors)")
            let unset = try await BatonRun.runDetached(deploy + ["--owner", "octo-bob"], environment: ["MY_GH": github])
            #expect(unset.status == 2 && (unset.errors + unset.output).contains("MY_VC"), "\(unset.errors)\(unset.output)")

            let own = try await BatonRun.runDetached(deploy + ["--owner", "octo-bob"], environment: environment)
            #expect(own.status == 0, "\(own.errors)")
            let state = try await JSONClient(http: http, baseURL: server.baseURL).get("/sandbox/state")
            let repositories = state["repositories"]?.arrayValue?.compactMap { $0.objectValue?["fullName"]?.stringValue } ?? []
            #expect(repositories.contains("octo-bob/app-b"), "\(repositories)")
            let projects = state["projects"]?.arrayValue?.compactMap { $0.objectValue?["accountId"]?.stringValue } ?? []
            #expect(projects == ["SbxUserBob00000000000002"], "the project is in bob's own Vercel account: \(projects)")

            // Bob's token cannot deploy into another user's account: GitHub refuses, and the action says so.
            let foreign = try await BatonRun.runDetached(deploy + ["--owner", "octo-alice"], environment: environment)
            #expect(foreign.status == 1, "\(foreign.errors)")
            #expect(foreign.output.contains("permission_denied") && foreign.output.contains("Resource not accessible"), "\(foreign.output)")
            #expect(!repositories.contains("octo-alice/app-b"))

            server.kill()
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !name.hasPrefix("home") {
                let data = try Data(contentsOf: folder.appendingPathComponent(name))
                for token in [github, vercel] {
                    #expect(data.range(of: Data(token.utf8)) == nil, "\(name) holds a token in plain text")
                }
            }
            for printed in [own.output, own.errors, foreign.output, foreign.errors] {
                #expect(!printed.contains(github) && !printed.contains(vercel), "the CLI never prints a token")
            }
            try await http.shutdown()
        } catch {
            try? await http.shutdown()
            throw error
        }
    }
}
