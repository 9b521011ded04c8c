public import BatonCore
public import Foundation
import JWTKit

/// `--auth jwt`: the host application, which already has a login, mints a short-lived JSON Web Token for its user and
/// the client sends it as `Authorization: Bearer <jwt>`. Tokens are verified with jwt-kit.
///
/// A token is accepted only when:
/// - its header's `alg` is one this server's key is for (`HS256` with a shared secret; `RS256` or `ES256` with a JWKS
///   file); `none` and any other algorithm are refused before the signature is looked at;
/// - its signature verifies with the key (with a JWKS, the key its header's `kid` names: one is required);
/// - it has `exp` (RFC 7519 §4.1.4), not passed (up to ``clockSkew``), and `nbf`, if any, reached;
/// - it has a `sub` of 1 to 255 characters with no control characters (it goes into log lines): the principal's name
///   (`jwt:SUB`);
/// - `iss` and `aud` match when the server was given an issuer or audience.
///
/// Two optional claims restrict what the principal may deploy into: `baton_owners` (GitHub owners) and `baton_teams`
/// (Vercel team ids), each an array of strings; absent means any.
public struct JWTAuthenticator: Authenticator {
    /// Where the verification key comes from.
    public enum Key: Sendable {
        /// A shared secret for HS256 (at least 32 bytes, RFC 7518 §3.2).
        case sharedSecret(String)
        /// A JSON Web Key Set (RFC 7517 §5) of RSA (`RS256`) or P-256 (`ES256`) public keys.
        case jwks(String)
    }

    /// How far past its `exp` a token is still taken, for clocks that disagree a little.
    public static let clockSkew: TimeInterval = 30
    /// The longest `sub` taken.
    public static let longestSubject = 255

    let keys: JWTKeyCollection
    let algorithms: Set<String>
    /// With a JWKS, the key ids a token's header must name one of; nil with a shared secret.
    let keyIDs: Set<String>?
    let issuer: String?
    let audience: String?
    let now: @Sendable () -> Date

    /// An authenticator.
    /// - Parameters:
    ///   - issuer: the `iss` a token must carry, if any.
    ///   - audience: a value the token's `aud` must contain, if any.
    ///   - now: the current time (tests pass their own).
    /// - Throws: ``JWTConfigurationError`` when the secret is too short or the JWKS holds no usable key.
    public init(
        key: Key, issuer: String? = nil, audience: String? = nil, now: @escaping @Sendable () -> Date = { Date() }
    ) async throws {
        let keys = JWTKeyCollection()
        switch key {
        case .sharedSecret(let secret):
            guard secret.utf8.count >= 32 else { throw JWTConfigurationError.secretTooShort(secret.utf8.count) }
            await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
            algorithms = ["HS256"]
            keyIDs = nil
        case .jwks(let json):
            let set: JWKS
            do {
                set = try JSONDecoder().decode(JWKS.self, from: Data(json.utf8))
            } catch {
                throw JWTConfigurationError.unreadableJWKS(
                    "it is not a JSON Web Key Set ({\"keys\":[…]}) of RSA or EC keys (RFC 7517 §5)")
            }
            var found: Set<String> = []
            var ids: Set<String> = []
            for jwk in set.keys {
                switch jwk.keyType {
                case .rsa: found.insert("RS256")
                case .ecdsa where jwk.curve == .ecdsa(.p256): found.insert("ES256")
                default: continue
                }
                guard jwk.keyIdentifier != nil else {
                    throw JWTConfigurationError.unreadableJWKS("every key needs a 'kid', which a token's header names")
                }
                ids.insert(jwk.keyIdentifier?.string ?? "")
                do {
                    try await keys.add(jwk: jwk)
                } catch {
                    throw JWTConfigurationError.unreadableJWKS("the key '\(jwk.keyIdentifier?.string ?? "")' could not be read")
                }
            }
            guard !found.isEmpty else { throw JWTConfigurationError.unreadableJWKS("it holds no RSA or P-256 key") }
            algorithms = found
            keyIDs = ids
        }
        self.keys = keys
        self.issuer = issuer
        self.audience = audience
        self.now = now
    }

    public func principal(credential: String?, clientAddress: String?) async throws -> Principal {
        guard let credential else {
            throw APIError(.unauthorized, "This server needs a token from your login: send 'Authorization: Bearer <jwt>'.")
        }
        let (algorithm, keyID) = try Self.header(credential)
        guard algorithms.contains(algorithm) else {
            let why = algorithm.lowercased() == "none" ? "unsigned tokens ('alg: none') are refused" : "it is not accepted"
            throw APIError(.unauthorized,
                           "The token's algorithm '\(algorithm)': \(why); this server takes \(algorithms.sorted().joined(separator: ", ")).")
        }
        if let keyIDs {
            guard let keyID else {
                throw APIError(.unauthorized, "The token's header has no key id ('kid'); this server's key set needs one.")
            }
            guard keyIDs.contains(keyID) else {
                throw APIError(.unauthorized, "The token's key id ('kid') is not in this server's key set.")
            }
        }
        let claims: BatonClaims
        do {
            claims = try await keys.verify(credential, as: BatonClaims.self)
            if let problem = claims.problem { throw APIError(.unauthorized, "The token's claim \(problem).") }
        } catch let error as APIError {
            throw error
        } catch let error as JWTError where error.errorType == .signatureVerificationFailed {
            throw APIError(.unauthorized, "The token's signature does not verify with this server's key.")
        } catch let error as JWTError where error.errorType == .unknownKID {
            throw APIError(.unauthorized, "The token's key id ('kid') is not in this server's key set.")
        } catch {
            throw APIError(.unauthorized, "The token could not be read: its claims are not valid JSON of the expected types.")
        }
        return try principal(from: claims)
    }

    private func principal(from claims: BatonClaims) throws -> Principal {
        let now = now()
        guard let exp = claims.exp else {
            throw APIError(.unauthorized, "The token has no 'exp' claim; this server takes only tokens that expire.")
        }
        guard now.timeIntervalSince(exp.value) <= Self.clockSkew else {
            throw APIError(.unauthorized, "The token expired at \(exp.value.formatted(.iso8601)); sign in again for a new one.")
        }
        if let nbf = claims.nbf, nbf.value.timeIntervalSince(now) > Self.clockSkew {
            throw APIError(.unauthorized, "The token is not valid before \(nbf.value.formatted(.iso8601)).")
        }
        guard let subject = claims.sub?.value, !subject.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError(.unauthorized, "The token has no 'sub' claim naming who it is for.")
        }
        guard subject.count <= Self.longestSubject, !subject.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw APIError(.unauthorized, "The token's 'sub' must be at most \(Self.longestSubject) characters, with no control characters.")
        }
        if let issuer, claims.iss?.value != issuer {
            throw APIError(.unauthorized, "The token's issuer ('iss') is not '\(issuer)'.")
        }
        if let audience, claims.aud?.value.contains(audience) != true {
            throw APIError(.unauthorized, "The token's audience ('aud') does not include '\(audience)'.")
        }
        return Principal(kind: .jwt, name: subject, allowedOwners: claims.owners, allowedTeams: claims.teams)
    }

    /// The `alg` and `kid` of the token's header (RFC 7515 §4.1.1, §4.1.4).
    /// - Throws: 401 when the token is not three base64url parts whose first is a JSON object with a string `alg`.
    static func header(_ token: String) throws -> (algorithm: String, keyID: String?) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        struct Header: Decodable {
            var alg: String
            var kid: String?
        }
        guard parts.count == 3, let data = Data(base64URLEncoded: parts[0]),
              let header = try? JSONDecoder().decode(Header.self, from: data)
        else {
            throw APIError(.unauthorized, "The bearer token is not a JSON Web Token (three base64url parts with an 'alg' header).")
        }
        return (header.alg, header.kid)
    }
}

/// The claims Baton reads from a token. Every one is optional here so that a missing one is named in the refusal;
/// ``JWTAuthenticator`` checks them after the signature.
struct BatonClaims: JWTPayload {
    var sub: SubjectClaim?
    var exp: ExpirationClaim?
    var nbf: NotBeforeClaim?
    var iss: IssuerClaim?
    var aud: AudienceClaim?
    /// GitHub owners the subject may deploy into; nil: any.
    var owners: [String]?
    /// Vercel team ids the subject may deploy into; nil: any.
    var teams: [String]?

    /// The first claim that has the wrong type, described ("'exp' must be a number of seconds"); nil when all fit.
    var problem: String?

    enum CodingKeys: String, CodingKey {
        case sub, exp, nbf, iss, aud
        case owners = "baton_owners"
        case teams = "baton_teams"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var problem: String?
        func read<Value: Decodable>(_ key: CodingKeys, _ expected: String) -> Value? {
            do {
                return try container.decodeIfPresent(Value.self, forKey: key)
            } catch {
                if problem == nil { problem = "'\(key.rawValue)' must be \(expected)" }
                return nil
            }
        }
        sub = read(.sub, "a string")
        exp = read(.exp, "a number of seconds since 1970")
        nbf = read(.nbf, "a number of seconds since 1970")
        iss = read(.iss, "a string")
        aud = read(.aud, "a string or an array of strings")
        owners = read(.owners, "an array of strings")
        teams = read(.teams, "an array of strings")
        self.problem = problem
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(sub, forKey: .sub)
        try container.encodeIfPresent(exp, forKey: .exp)
        try container.encodeIfPresent(nbf, forKey: .nbf)
        try container.encodeIfPresent(iss, forKey: .iss)
        try container.encodeIfPresent(aud, forKey: .aud)
        try container.encodeIfPresent(owners, forKey: .owners)
        try container.encodeIfPresent(teams, forKey: .teams)
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// Why `--auth jwt` cannot start.
public enum JWTConfigurationError: Error, CustomStringConvertible, Equatable {
    /// The HS256 secret is shorter than the hash (RFC 7518 §3.2).
    case secretTooShort(Int)
    /// The JWKS file is not a key set Baton can use.
    case unreadableJWKS(String)

    public var description: String {
        switch self {
        case .secretTooShort(let bytes):
            "The JWT secret has \(bytes) bytes; HS256 needs at least 32 (RFC 7518 §3.2)."
        case .unreadableJWKS(let why):
            "The JWKS cannot be used: \(why)."
        }
    }
}

extension Data {
    /// Decodes base64url without padding (RFC 7515 §2).
    init?(base64URLEncoded text: Substring) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}
