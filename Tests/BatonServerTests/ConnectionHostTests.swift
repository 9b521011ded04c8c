import AsyncHTTPClient
import BatonCore
import BatonKit
import BatonStores
import BatonTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOHTTP1
import Testing

/// Without `--public-url`, `POST /api/connections/{provider}` builds the OAuth callback URL on the request's `Host`:
/// one that is no host and port (user info, a query, spaces) is refused, naming `Host`, before anything is stored.
@Suite("The Host a callback URL is built on")
struct ConnectionHostTests {
    /// An OAuth provider that only builds authorize URLs: these tests never come back from the provider.
    struct AuthorizeOnlyProvider: AccountProvider {
        let kind = AccountProviderKind.github

        func authorizationURL(state: String, codeChallenge: String, redirectURI: String) -> String {
            var components = URLComponents(string: "https://github.test/login/oauth/authorize")!
            components.queryItems = [URLQueryItem(name: "redirect_uri", value: redirectURI)]
            return components.string!
        }

        func exchange(code: String, codeVerifier: String, redirectURI: String) async throws -> AccountCredential {
            throw AccountProviderError.rejected("not in this test")
        }

        func refresh(_ credential: AccountCredential) async throws -> AccountCredential {
            throw AccountProviderError.rejected("not in this test")
        }

        func identity(_ credential: AccountCredential) async throws -> AccountIdentity {
            throw AccountProviderError.rejected("not in this test")
        }
    }

    /// Posts `/api/connections/github` with `host` as the `Host` header; returns the status and the JSON body.
    private func startConnecting(host: String, port: Int, http: HTTPClient) async throws -> (status: Int, body: JSONValue) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/connections/github")
        request.method = .POST
        request.headers.replaceOrAdd(name: "Host", value: host)
        let response = try await http.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), try JSONParser.parse(bytes.readableBytesView))
    }

    @Test func aHostThatIsNoHostAndPortIsRefusedAndStoresNothing() async throws {
        let store = MemoryWorkflowStore()
        let baton = try Baton(
            BatonComponents(
                store: ConfiguredStore(store: store, pacer: store, keys: store, secrets: store, sealer: .ephemeral()),
                actions: .scripted(.instant), accountProviders: [AuthorizeOnlyProvider()]
            ),
            logger: Logger(label: "baton.test")
        )
        try await buildApplication(baton, port: 0, logger: Logger(label: "baton.test")).test(.live) { client in
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            do {
                for host in ["evil.example:99999@attacker.test", "x?y#z", "a b", "example.com:0"] {
                    let reply = try await startConnecting(host: host, port: client.port!, http: http)
                    #expect(reply.status == 400, "Host \(host)")
                    let error = reply.body.objectValue?["error"]?.objectValue
                    #expect(error?["code"]?.stringValue == "validation_failed")
                    #expect(error?["details"]?.arrayValue?.first?.objectValue?["path"]?.stringValue == "Host")
                }
                // Counted by deleting them: none after the refusals, the one connection the accepted start began.
                #expect(try await store.deleteSecrets(kind: AccountConnection.kind, updatedBefore: .distantFuture) == 0)

                let accepted = try await startConnecting(host: "deploy.example.com:8443", port: client.port!, http: http)
                #expect(accepted.status == 200)
                let authorizeURL = accepted.body.objectValue?["authorizeUrl"]?.stringValue ?? ""
                let redirect = URLComponents(string: authorizeURL)?.queryItems?.first { $0.name == "redirect_uri" }?.value
                #expect(redirect == "http://deploy.example.com:8443/api/connections/github/callback")
                #expect(try await store.deleteSecrets(kind: AccountConnection.kind, updatedBefore: .distantFuture) == 1)
                try await http.shutdown()
            } catch {
                try await http.shutdown()
                throw error
            }
        }
    }
}
