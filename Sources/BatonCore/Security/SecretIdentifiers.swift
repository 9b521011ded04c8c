import Crypto
import Foundation

/// Makes workflow ids and bearer tokens from the system's secure random source.
public enum SecretIdentifiers {
    /// A new workflow id: `wf_` and 128 random bits in hex.
    public static func newWorkflowID() -> String {
        "wf_" + hex(randomBytes(16))
    }

    /// The prefix of every workflow token: a bearer value with it is a workflow's own token, any other a principal's
    /// credential (an API key or a JWT).
    public static let workflowTokenPrefix = "bt_"

    /// A new bearer token: `bt_` and 256 random bits, base64url-encoded.
    public static func newToken() -> String {
        workflowTokenPrefix + randomBase64URL(32)
    }

    /// A new API key: `bk_` and 256 random bits, base64url-encoded. Only its ``tokenHash(_:)`` is stored.
    public static func newAPIKey() -> String {
        "bk_" + randomBase64URL(32)
    }

    /// A new `baton_connection` cookie value: `bc_` and 256 random bits, base64url-encoded. Only its
    /// ``tokenHash(_:)`` is stored (as the connection's id).
    public static func newConnectionCookie() -> String {
        "bc_" + randomBase64URL(32)
    }

    /// A new random OAuth `state` or PKCE code verifier: 256 random bits, base64url-encoded (43 characters, within
    /// RFC 7636's 43 to 128).
    public static func newOAuthSecret() -> String {
        randomBase64URL(32)
    }

    /// The PKCE S256 challenge of `verifier`: base64url(SHA-256(verifier)) without padding (RFC 7636 §4.2).
    public static func codeChallenge(_ verifier: String) -> String {
        base64URL(Data(SHA256.hash(data: Data(verifier.utf8))))
    }

    /// Whether two strings are equal, compared in constant time for equal lengths (OAuth `state`).
    public static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let left = Array(left.utf8), right = Array(right.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(left, right) { difference |= a ^ b }
        return difference == 0
    }

    private static func randomBase64URL(_ count: Int) -> String {
        base64URL(Data(randomBytes(count)))
    }

    private static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A new random id for a lease: 96 random bits in hex.
    public static func newLeaseID() -> String {
        hex(randomBytes(12))
    }

    /// The SHA-256 of a token, in hex: what a store keeps instead of the token.
    public static func tokenHash(_ token: String) -> String {
        hex(Array(SHA256.hash(data: Data(token.utf8))))
    }

    /// Whether `token` hashes to `expectedHash`, compared in constant time.
    public static func tokenMatches(_ token: String, expectedHash: String) -> Bool {
        constantTimeEqual(tokenHash(token), expectedHash)
    }

    private static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 7)
        while bytes.count < count {
            withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) }
        }
        return Array(bytes.prefix(count))
    }

    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var result: [UInt8] = []
        for byte in bytes {
            result.append(digits[Int(byte >> 4)])
            result.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: result, as: UTF8.self)
    }
}
