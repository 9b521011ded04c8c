import AsyncHTTPClient
import BatonCore
import Foundation
import NIOCore
import NIOHTTP1

/// A provider's OAuth token endpoint: trades an authorization code or a refresh token for tokens.
///
/// Both grants are form posts carrying the client id and secret (`client_secret_post`), answered with JSON. GitHub
/// answers refusals with status 200 and an `error` member; Vercel, as RFC 6749 §5.2 says, with 400 or 401 — both
/// are read the same way (providers.md §6.5).
struct OAuthTokenEndpoint: Sendable {
    let app: OAuthAppSettings
    let kind: AccountProviderKind
    let http: HTTPClient
    let clock: any BatonClock

    /// The credential `parameters` (the grant's own) earn.
    /// - Throws: ``AccountProviderError/rejected(_:)`` for an OAuth error, ``AccountProviderError/unavailable(_:)``
    ///   when the endpoint cannot be reached or fails.
    func credential(_ parameters: [(String, String)]) async throws -> AccountCredential {
        guard let secret = app.clientSecret.value else {
            throw AccountProviderError.rejected("the server has no \(kind.displayName) client secret")
        }
        var request = HTTPClientRequest(url: app.tokenURL)
        request.method = .POST
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Baton")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        let form = FormEncoding.encode([("client_id", app.clientID), ("client_secret", secret)] + parameters)
        request.body = .bytes(ByteBuffer(string: form))
        let status: Int
        let body: Data
        do {
            let response = try await http.execute(request, timeout: .seconds(10))
            status = Int(response.status.code)
            body = Data((try await response.body.collect(upTo: 1024 * 1024)).readableBytesView)
        } catch {
            throw AccountProviderError.unavailable("\(kind.displayName)'s token endpoint could not be reached")
        }
        let answer = try? JSONDecoder().decode(TokenAnswer.self, from: body)
        if let error = answer?.error {
            let description = answer?.errorDescription.map { ": \($0)" } ?? ""
            throw status >= 500 ? AccountProviderError.unavailable(error + description) : AccountProviderError.rejected(error + description)
        }
        guard (200..<300).contains(status), let answer, let accessToken = answer.accessToken, !accessToken.isEmpty else {
            throw AccountProviderError.unavailable("\(kind.displayName)'s token endpoint answered \(status)")
        }
        let now = clock.now()
        return AccountCredential(
            accessToken: accessToken, refreshToken: answer.refreshToken.flatMap { $0.isEmpty ? nil : $0 },
            expiresAt: answer.expiresIn.map { now.addingTimeInterval(TimeInterval($0)) },
            refreshTokenExpiresAt: answer.refreshTokenExpiresIn.map { now.addingTimeInterval(TimeInterval($0)) }
        )
    }

    /// Renews `credential` (`grant_type=refresh_token`).
    func refresh(_ credential: AccountCredential) async throws -> AccountCredential {
        guard let refreshToken = credential.refreshToken else {
            throw AccountProviderError.rejected("the grant has no refresh token")
        }
        return try await self.credential([("grant_type", "refresh_token"), ("refresh_token", refreshToken)])
    }

    /// The token endpoint's JSON (RFC 6749 §5.1 and §5.2, plus GitHub's `refresh_token_expires_in`).
    private struct TokenAnswer: Decodable {
        var accessToken: String?
        var expiresIn: Int?
        var refreshToken: String?
        var refreshTokenExpiresIn: Int?
        var error: String?
        var errorDescription: String?

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token", expiresIn = "expires_in", refreshToken = "refresh_token"
            case refreshTokenExpiresIn = "refresh_token_expires_in", error, errorDescription = "error_description"
        }
    }
}
