import BatonCore
import BatonServer
import BatonTestSupport
import Crypto
import CryptoExtras
import Foundation
import JWTKit
import Testing

/// `--auth jwt` over HTTP: a host's login mints a short-lived token, Baton verifies it with jwt-kit. Each refusal is a
/// 401 that says why, and leaves nothing stored.
@Suite("JWT access")
struct JWTAccessTests {
    static let secret = "a-shared-secret-long-enough-for-hs384-too-0123456789abcdef"

    /// What a host puts in a token; every claim optional so a test can leave one out.
    struct HostClaims: JWTPayload {
        var sub: SubjectClaim?
        var exp: ExpirationClaim?
        var iss: IssuerClaim?
        var aud: AudienceClaim?
        var owners: [String]?
        var teams: [String]?

        enum CodingKeys: String, CodingKey {
            case sub, exp, iss, aud
            case owners = "baton_owners"
            case teams = "baton_teams"
        }

        init(sub: String? = "alice", expiresIn seconds: TimeInterval? = 300, iss: String? = nil, aud: String? = nil,
             owners: [String]? = nil, teams: [String]? = nil) {
            self.sub = sub.map(SubjectClaim.init(value:))
            self.exp = seconds.map { ExpirationClaim(value: Date().addingTimeInterval($0)) }
            self.iss = iss.map(IssuerClaim.init(value:))
            self.aud = aud.map { AudienceClaim(value: [$0]) }
            self.owners = owners
            self.teams = teams
        }

        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    /// A token signed with HMAC over `secret`.
    static func hmacToken(_ claims: HostClaims, secret: String = secret, digest: DigestAlgorithm = .sha256) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: digest)
        return try await keys.sign(claims)
    }

    /// A token whose payload is `json` as it is (to send claims of the wrong type), signed HS256 with ``secret``.
    static func signedRaw(_ json: String) throws -> String {
        let signingInput = Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8).base64URL + "." + Data(json.utf8).base64URL
        let signature = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return signingInput + "." + Data(signature).base64URL
    }

    /// An unsigned token (`alg: none`, RFC 7519 §6).
    static func unsignedToken(_ claims: HostClaims) throws -> String {
        let header = Data(#"{"alg":"none","typ":"JWT"}"#.utf8).base64URL
        return "\(header).\(try JSONEncoder().encode(claims).base64URL)."
    }

    private static func initJSON(owner: String = "acme", team: String? = nil) -> String {
        let vercel = team.map { #","vercel":{"teamId":"\#($0)"}"# } ?? ""
        return #"{"mode":"init","config":{"apps":["app-b"],"github":{"owner":"\#(owner)"}\#(vercel)},"envVars":{}}"#
    }

    /// A server verifying tokens with `key`, over `store`.
    static func server(_ key: JWTAuthenticator.Key, store: MemoryWorkflowStore, issuer: String? = nil, audience: String? = nil) async throws -> LiveServer {
        let authenticator = try await JWTAuthenticator(key: key, issuer: issuer, audience: audience)
        return try LiveServer(.instant, store: store, authenticator: authenticator, initPace: nil)
    }

    @Test func aValidTokenStartsAWorkflowAsItsSubjectAndReachesItAfterwards() async throws {
        let store = MemoryWorkflowStore()
        let token = try await Self.hmacToken(HostClaims(sub: "user-42"))
        try await Self.server(.sharedSecret(Self.secret), store: store).run { client in
            let created = try await client.post(json: Self.initJSON(), token: token)
            #expect(created.status == 201, "\(created.text)")
            let workflow = try created.decode(InitResponse.self)
            #expect(try await store.fetch(id: workflow.workflowID)?.principal == "jwt:user-42")
            #expect(!created.text.contains(token))

            let byToken = try await client.trigger(workflow, "app-b", "fork-repository", token: token)
            #expect(byToken.status == 200 && byToken["state"] == "succeeded", "\(byToken.text)")
            let someoneElse = try await Self.hmacToken(HostClaims(sub: "user-7"))
            let refused = try await client.trigger(workflow, "app-b", "create-project", token: someoneElse)
            #expect(refused.status == 401 && refused.text.contains("jwt:user-7"))
            let list = try await client.get("/api/workflows", token: token).decode(WorkflowList.self)
            #expect(list.workflows.map(\.workflowID) == [workflow.workflowID])
            #expect(try await client.get("/api/workflows", token: someoneElse).decode(WorkflowList.self).workflows.isEmpty)
        }
    }

    @Test func everyBadTokenIsRefusedWithItsReasonAndNothingIsStored() async throws {
        let store = MemoryWorkflowStore()
        let cases: [(String, String?, String)] = [
            ("missing", nil, "Bearer"),
            ("not a JWT", "bk_not-a-token", "not a JSON Web Token"),
            ("wrong signature", try await Self.hmacToken(HostClaims(), secret: "another-secret-long-enough-for-hs384-too-0123456789abcdef"), "signature"),
            ("expired", try await Self.hmacToken(HostClaims(expiresIn: -120)), "expired"),
            ("no exp", try await Self.hmacToken(HostClaims(expiresIn: nil)), "'exp'"),
            ("no sub", try await Self.hmacToken(HostClaims(sub: nil)), "'sub'"),
            ("empty sub", try await Self.hmacToken(HostClaims(sub: "")), "'sub'"),
            ("blank sub", try await Self.hmacToken(HostClaims(sub: "  ")), "'sub'"),
            ("sub forging a log line", try await Self.hmacToken(HostClaims(sub: "eve\n2026-12-01 critical baton: forged")), "control characters"),
            ("sub too long", try await Self.hmacToken(HostClaims(sub: String(repeating: "a", count: 256))), "at most 255"),
            ("owners not an array", try Self.signedRaw(#"{"sub":"alice","exp":9999999999,"baton_owners":"acme"}"#), "'baton_owners' must be an array of strings"),
            ("exp not a number", try Self.signedRaw(#"{"sub":"alice","exp":"9999999999"}"#), "'exp' must be a number"),
            ("alg none", try Self.unsignedToken(HostClaims()), "alg: none"),
            ("another algorithm", try await Self.hmacToken(HostClaims(), digest: .sha384), "'HS384'"),
            ("wrong issuer", try await Self.hmacToken(HostClaims(iss: "https://evil.example")), "issuer"),
            ("no audience", try await Self.hmacToken(HostClaims(iss: "https://login.example")), "audience"),
        ]
        try await Self.server(.sharedSecret(Self.secret), store: store, issuer: "https://login.example", audience: "baton").run { client in
            for (name, token, reason) in cases {
                let reply = try await client.post(json: Self.initJSON(), token: token)
                #expect(reply.status == 401 && reply.errorCode == "unauthorized", "\(name): \(reply.status) \(reply.text)")
                #expect(reply.headers["www-authenticate"]?.hasPrefix("Bearer") == true, "\(name): RFC 6750 names the scheme")
                #expect(reply.text.contains(reason), "\(name): \(reply.text)")
                if let token { #expect(!reply.text.contains(token), "\(name): the token is never echoed") }
                let list = try await client.get("/api/workflows", token: token)
                #expect(list.status == 401, "\(name): GET /api/workflows \(list.status)")
            }
            let good = try await Self.hmacToken(HostClaims(iss: "https://login.example", aud: "baton"))
            #expect(try await client.post(json: Self.initJSON(), token: good).status == 201)
        }
        #expect(store.deleteWorkflows(createdBefore: .distantFuture) == 1, "only the good token stored a workflow")
    }

    @Test func claimsRestrictTheOwnersAndTeamsATokenDeploysInto() async throws {
        let store = MemoryWorkflowStore()
        let token = try await Self.hmacToken(HostClaims(owners: ["Acme"], teams: ["team_acme"]))
        try await Self.server(.sharedSecret(Self.secret), store: store).run { client in
            let owner = try await client.post(json: Self.initJSON(owner: "globex", team: "team_acme"), token: token)
            #expect(owner.status == 403 && owner.errorCode == "owner_not_allowed" && owner.errorPaths == ["config.github.owner"])
            let team = try await client.post(json: Self.initJSON(team: "team_globex"), token: token)
            #expect(team.status == 403 && team.errorCode == "team_not_allowed" && team.errorPaths == ["config.vercel.teamId"])
            #expect(store.deleteWorkflows(createdBefore: .distantFuture) == 0)
            #expect(try await client.post(json: Self.initJSON(owner: "acme", team: "team_acme"), token: token).status == 201)
        }
    }

    @Test func aJWKSVerifiesRS256AndES256TokensByKeyID() async throws {
        let rsa = try Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
        let ec = ES256PrivateKey()
        let (modulus, exponent) = try rsa.publicKey.getKeyPrimitives()
        let point = try #require(ec.publicKey.parameters)
        let jwks = """
            {"keys":[
              {"kty":"RSA","kid":"rsa-1","use":"sig","alg":"RS256","n":"\(modulus.base64URL)","e":"\(exponent.base64URL)"},
              {"kty":"EC","kid":"ec-1","use":"sig","crv":"P-256","x":"\(point.x)","y":"\(point.y)"}
            ]}
            """
        let signing = JWTKeyCollection()
        await signing.add(rsa: rsa, digestAlgorithm: .sha256, kid: "rsa-1")
        await signing.add(ecdsa: ec, kid: "ec-1")
        let byRSA = try await signing.sign(HostClaims(sub: "rsa-user"), kid: "rsa-1")
        let byEC = try await signing.sign(HostClaims(sub: "ec-user"), kid: "ec-1")

        let impostor = JWTKeyCollection()
        await impostor.add(rsa: try Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048)),
                           digestAlgorithm: .sha256, kid: "rsa-1")
        let forged = try await impostor.sign(HostClaims(sub: "rsa-user"), kid: "rsa-1")
        // The public key as an HMAC secret: the old algorithm-confusion attack.
        let confused = try await Self.hmacToken(HostClaims(sub: "rsa-user"), secret: jwks)

        let store = MemoryWorkflowStore()
        try await Self.server(.jwks(jwks), store: store).run { client in
            for (token, subject) in [(byRSA, "rsa-user"), (byEC, "ec-user")] {
                let created = try await client.post(json: Self.initJSON(), token: token)
                #expect(created.status == 201, "\(subject): \(created.text)")
                let id = try created.decode(InitResponse.self).workflowID
                #expect(try await store.fetch(id: id)?.principal == "jwt:\(subject)")
            }
            let forgedReply = try await client.post(json: Self.initJSON(), token: forged)
            #expect(forgedReply.status == 401 && forgedReply.text.contains("signature"), "\(forgedReply.text)")
            let confusedReply = try await client.post(json: Self.initJSON(), token: confused)
            #expect(confusedReply.status == 401 && confusedReply.text.contains("'HS256'"), "\(confusedReply.text)")
            let unknownKID = try await signing.sign(HostClaims(sub: "rsa-user"), kid: "rsa-2")
            let unknownReply = try await client.post(json: Self.initJSON(), token: unknownKID)
            #expect(unknownReply.status == 401 && unknownReply.text.contains("not in this server's key set"), "\(unknownReply.text)")
            let withoutKID = try await signing.sign(HostClaims(sub: "rsa-user"))
            let withoutReply = try await client.post(json: Self.initJSON(), token: withoutKID)
            #expect(withoutReply.status == 401 && withoutReply.text.contains("no key id"), "\(withoutReply.text)")
        }
        #expect(store.deleteWorkflows(createdBefore: .distantFuture) == 2)
    }

    @Test func aKeyThatCannotVerifyStopsTheServerFromStarting() async throws {
        await #expect(throws: JWTConfigurationError.secretTooShort(5)) {
            _ = try await JWTAuthenticator(key: .sharedSecret("short"))
        }
        await #expect(throws: JWTConfigurationError.self) {
            _ = try await JWTAuthenticator(key: .jwks(#"{"keys":[]}"#))
        }
        await #expect(throws: JWTConfigurationError.self) {
            _ = try await JWTAuthenticator(key: .jwks("not json"))
        }
        let point = try #require(ES256PrivateKey().publicKey.parameters)
        await #expect(throws: JWTConfigurationError.unreadableJWKS("every key needs a 'kid', which a token's header names")) {
            _ = try await JWTAuthenticator(key: .jwks(#"{"keys":[{"kty":"EC","crv":"P-256","x":"\#(point.x)","y":"\#(point.y)"}]}"#))
        }
    }
}

extension Data {
    /// base64url without padding (RFC 7515 §2).
    var base64URL: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
