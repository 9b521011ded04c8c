public import BatonCore
import Crypto
import Foundation

/// Where the key that seals env values at rest comes from.
///
/// `BATON_SECRET_KEY` (32 random bytes, base64-encoded; `baton keygen` prints one) wins everywhere. Without it,
/// an SQLite store keeps a generated key in a file beside the database (mode 0600), the memory store uses a key
/// that dies with the process, and a PostgreSQL store refuses to start, since every instance needs the same key.
public enum SecretKeySource {
    /// The environment variable that holds the key.
    public static let environmentVariable = "BATON_SECRET_KEY"

    /// A new key, base64-encoded.
    public static func generateKey() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
    }

    /// The sealer for a store at `location`.
    /// - Throws: ``SecretKeyError`` with a message that says what to do.
    public static func sealer(for location: StoreLocation, environment: [String: String]) throws -> EnvSealer {
        if let encoded = environment[environmentVariable] {
            return EnvSealer(key: try decode(encoded, origin: environmentVariable))
        }
        switch location {
        case .memory:
            return .ephemeral()
        case .sqlite(let path):
            return EnvSealer(key: try keyFile(path + ".key"))
        case .postgres:
            throw SecretKeyError("\(environmentVariable) is not set: every instance sharing a PostgreSQL store needs the same key (generate one with `baton keygen`).")
        }
    }

    private static func decode(_ encoded: String, origin: String) throws -> SymmetricKey {
        guard let data = Data(base64Encoded: encoded.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32 else {
            throw SecretKeyError("\(origin) must hold 32 random bytes, base64-encoded (generate one with `baton keygen`).")
        }
        return SymmetricKey(data: data)
    }

    /// Reads the key file, creating it with mode 0600 when missing.
    private static func keyFile(_ path: String) throws -> SymmetricKey {
        let manager = FileManager.default
        if manager.fileExists(atPath: path) {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw SecretKeyError("The key file \(path) cannot be read.")
            }
            return try decode(text, origin: "The key file \(path)")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        let encoded = generateKey()
        guard manager.createFile(atPath: path, contents: Data((encoded + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw SecretKeyError("The key file \(path) cannot be created.")
        }
        return try decode(encoded, origin: "The key file \(path)")
    }

    /// Checks that `sealer` holds the key the store's data was sealed with, recording a check value on first use.
    /// - Throws: ``SecretKeyError`` when the key differs.
    public static func verify(_ sealer: EnvSealer, against storage: any SecretKeyCheckStorage) async throws {
        if let check = try await storage.secretKeyCheck() {
            guard sealer.verifies(check) else {
                throw SecretKeyError("The secret key does not match the one this store's data was sealed with; start with the original \(environmentVariable) (or key file).")
            }
        } else {
            try await storage.storeSecretKeyCheck(try sealer.makeKeyCheck())
            guard let stored = try await storage.secretKeyCheck(), sealer.verifies(stored) else {
                throw SecretKeyError("Another instance recorded a different secret key for this store; every instance needs the same \(environmentVariable).")
            }
        }
    }
}

/// A problem with the secret key, explained.
public struct SecretKeyError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
