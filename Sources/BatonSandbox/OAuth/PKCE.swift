import Crypto
import Foundation

/// Proof Key for Code Exchange with the `S256` method, the only one GitHub and Vercel support (providers.md §6.5;
/// RFC 7636 §4.2: challenge = base64url(SHA-256(ASCII(verifier))) without padding).
enum PKCE {
    /// The only accepted `code_challenge_method`.
    static let method = "S256"

    private static let base64URLCharacters = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    private static let verifierCharacters = base64URLCharacters.union(".~")

    /// The S256 challenge of `verifier`.
    static func challenge(of verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Whether `challenge` can be an S256 challenge: 43 base64url characters (a SHA-256 digest).
    static func isWellFormed(challenge: String) -> Bool {
        challenge.count == 43 && challenge.allSatisfy(base64URLCharacters.contains)
    }

    /// Whether `verifier` is 43 to 128 unreserved characters (RFC 7636 §4.1) whose S256 challenge is `challenge`.
    static func verifies(_ verifier: String, challenge: String) -> Bool {
        (43...128).contains(verifier.count) && verifier.allSatisfy(verifierCharacters.contains)
            && self.challenge(of: verifier) == challenge
    }
}
