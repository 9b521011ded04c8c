import BatonSandbox
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A response whose body is read as text (pages, form-encoded documents) as well as JSON.
struct RawResponse: Sendable {
    let status: Int
    let headers: HTTPFields
    let text: String

    /// The header `name`, if present.
    func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }

    /// The body as JSON.
    var json: TestJSON? { TestJSON.parse(Data(text.utf8)) }

    /// The query parameters of the `Location` header.
    var locationQuery: [String: String] {
        guard let location = header("location"), let components = URLComponents(string: location) else { return [:] }
        var parameters: [String: String] = [:]
        for item in components.queryItems ?? [] { parameters[item.name] = item.value ?? "" }
        return parameters
    }
}

/// The tokens of a finished sign-in.
struct SignedIn: Sendable {
    let accessToken: String
    let refreshToken: String?
}

/// Where the OAuth tests' client says it listens.
let oauthRedirectURI = "http://127.0.0.1:8080/api/connections/github/callback"
/// RFC 7636 appendix B: this verifier's S256 challenge is ``pkceChallenge``.
let pkceVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
/// RFC 7636 appendix B's challenge.
let pkceChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

extension SandboxHarness {
    /// Like ``run(_:)`` but over real HTTP: a live server on a local port and an HTTP/1 client.
    func runLive(_ body: @Sendable (SandboxClient) async throws -> Void) async throws {
        let router = Router()
        sandbox.register(on: router)
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await application.test(.live) { client in
            try await body(SandboxClient(client: client, clock: clock))
        }
    }
}

extension SandboxClient {
    /// Sends a request and reads the body as text.
    func raw(
        _ method: HTTPRequest.Method, _ uri: String, body: String? = nil, headers: HTTPFields = [:]
    ) async throws -> RawResponse {
        let response = try await client.execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        return RawResponse(
            status: Int(response.status.code), headers: response.headers,
            text: String(decoding: response.body.readableBytesView, as: UTF8.self))
    }

    /// A form POST (`application/x-www-form-urlencoded`) of `fields`.
    func postForm(
        _ uri: String, _ fields: [(String, String)], headers: HTTPFields = [:]
    ) async throws -> RawResponse {
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await raw(.post, uri, body: Self.form(fields), headers: headers)
    }

    /// `fields` form-encoded.
    static func form(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }.joined(separator: "&")
    }

    /// The GitHub authorization request's parameters (`challenge: nil` sends none).
    static func gitHubAuthorization(
        challenge: String? = pkceChallenge, method: String? = "S256", state: String = "st-gh",
        redirectURI: String = oauthRedirectURI
    ) -> [(String, String)] {
        var fields = [
            ("client_id", ProviderSandbox.gitHubOAuthClientID), ("redirect_uri", redirectURI), ("state", state),
        ]
        if let challenge { fields.append(("code_challenge", challenge)) }
        if let method { fields.append(("code_challenge_method", method)) }
        return fields
    }

    /// The Vercel authorization request's parameters (`challenge: nil` sends none).
    static func vercelAuthorization(
        challenge: String? = pkceChallenge, method: String? = "S256", state: String = "st-vc",
        scope: String? = "openid email profile offline_access", redirectURI: String = oauthRedirectURI
    ) -> [(String, String)] {
        var fields = [
            ("client_id", ProviderSandbox.vercelOAuthClientID), ("redirect_uri", redirectURI),
            ("response_type", "code"), ("state", state), ("nonce", "n-1"),
        ]
        if let scope { fields.append(("scope", scope)) }
        if let challenge { fields.append(("code_challenge", challenge)) }
        if let method { fields.append(("code_challenge_method", method)) }
        return fields
    }

    /// `GET` the consent page of GitHub (`/sandbox/github.com/login/oauth/authorize`) or Vercel.
    func authorizePage(github: Bool, _ parameters: [(String, String)]) async throws -> RawResponse {
        try await raw(.get, Self.authorizePath(github: github) + "?" + Self.form(parameters))
    }

    /// Posts the consent form as a browser does: the authorization request plus the clicked button.
    func consent(github: Bool, _ parameters: [(String, String)], user: String?) async throws -> RawResponse {
        let button = user.map { ("sandbox_user", $0) } ?? ("sandbox_deny", "1")
        return try await postForm(Self.authorizePath(github: github), parameters + [button])
    }

    /// The code of a consent by `user` to `parameters`.
    func code(github: Bool, _ parameters: [(String, String)], user: String) async throws -> String {
        try await consent(github: github, parameters, user: user).locationQuery["code"] ?? ""
    }

    /// A GitHub token request (code or refresh) with the app's credentials unless `fields` name their own.
    func gitHubToken(_ fields: [(String, String)], json: Bool = true) async throws -> RawResponse {
        var all = fields
        if !fields.contains(where: { $0.0 == "client_id" }) {
            all.insert(("client_id", ProviderSandbox.gitHubOAuthClientID), at: 0)
        }
        if !fields.contains(where: { $0.0 == "client_secret" }) {
            all.insert(("client_secret", ProviderSandbox.gitHubOAuthClientSecret), at: 1)
        }
        return try await postForm(
            "/sandbox/github.com/login/oauth/access_token", all,
            headers: json ? [.accept: "application/json"] : [:])
    }

    /// A Vercel token request with the app's credentials in the body (`client_secret_post`) unless `basic`, or
    /// unless `fields` name their own.
    func vercelToken(_ fields: [(String, String)], basic: (String, String)? = nil) async throws -> RawResponse {
        var all = fields
        var headers: HTTPFields = [.accept: "application/json"]
        if let (id, secret) = basic {
            headers[.authorization] = "Basic " + Data("\(id):\(secret)".utf8).base64EncodedString()
        } else {
            if !fields.contains(where: { $0.0 == "client_id" }) {
                all.append(("client_id", ProviderSandbox.vercelOAuthClientID))
            }
            if !fields.contains(where: { $0.0 == "client_secret" }) {
                all.append(("client_secret", ProviderSandbox.vercelOAuthClientSecret))
            }
        }
        return try await postForm("/sandbox/vercel/login/oauth/token", all, headers: headers)
    }

    /// Signs `user` in to GitHub through the whole flow; the tokens.
    func gitHubSignIn(_ user: String = "octo-alice") async throws -> SignedIn {
        let code = try await code(github: true, Self.gitHubAuthorization(), user: user)
        let tokens = try await gitHubToken([
            ("code", code), ("redirect_uri", oauthRedirectURI), ("code_verifier", pkceVerifier),
        ]).json
        return SignedIn(
            accessToken: tokens?["access_token"]?.string ?? "", refreshToken: tokens?["refresh_token"]?.string)
    }

    /// Signs `user` in to Vercel through the whole flow; the tokens.
    func vercelSignIn(_ user: String = "alice") async throws -> SignedIn {
        let code = try await code(github: false, Self.vercelAuthorization(), user: user)
        let tokens = try await vercelToken([
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", oauthRedirectURI),
            ("code_verifier", pkceVerifier),
        ]).json
        return SignedIn(
            accessToken: tokens?["access_token"]?.string ?? "", refreshToken: tokens?["refresh_token"]?.string)
    }

    private static func authorizePath(github: Bool) -> String {
        github ? "/sandbox/github.com/login/oauth/authorize" : "/sandbox/vercel.com/oauth/authorize"
    }
}
