public import Crypto
public import Foundation

/// Seals an app's env values (and the other secrets Baton stores: users' provider tokens) with AES-GCM before they
/// are stored, and opens them for the action that applies them.
///
/// Each sealed box is bound to its workflow and app (as authenticated data), so a box copied to another
/// workflow does not open.
public struct EnvSealer: Sendable {
    /// The key's bytes. `SymmetricKey` is not `Sendable`, so the sealer keeps the bytes and makes a key per use.
    private let keyBytes: Data

    /// A sealer with a 256-bit key.
    public init(key: SymmetricKey) {
        self.keyBytes = key.withUnsafeBytes { Data($0) }
    }

    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// A sealer with a new random key, for stores that do not outlive the process.
    public static func ephemeral() -> EnvSealer {
        EnvSealer(key: SymmetricKey(size: .bits256))
    }

    /// Seals `values` for one app of one workflow.
    public func seal(_ values: [String: String], workflowID: String, appID: String) throws -> Data {
        try seal(values, boundTo: "\(workflowID)/\(appID)")
    }

    /// Opens values sealed by ``seal(_:workflowID:appID:)``.
    /// - Throws: ``EnvSealerError/cannotOpen`` when the key is wrong or the data was changed.
    public func open(_ sealed: Data, workflowID: String, appID: String) throws -> [String: String] {
        try open(sealed, as: [String: String].self, boundTo: "\(workflowID)/\(appID)")
    }

    /// Seals any value as JSON, bound to `context` (authenticated data naming what it belongs to, such as
    /// `workflow-accounts/ID/PRINCIPAL`): it opens only with the same key and the same context.
    public func seal(_ value: some Encodable, boundTo context: String) throws -> Data {
        let plaintext = try JSONEncoder().encode(value)
        let box = try AES.GCM.seal(plaintext, using: key, authenticating: Data(context.utf8))
        guard let combined = box.combined else { throw EnvSealerError.cannotOpen }
        return combined
    }

    /// Opens a value sealed by ``seal(_:boundTo:)`` with the same `context`.
    /// - Throws: ``EnvSealerError/cannotOpen`` when the key or context is wrong or the data was changed.
    public func open<Value: Decodable>(_ sealed: Data, as type: Value.Type, boundTo context: String) throws -> Value {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            let plaintext = try AES.GCM.open(box, using: key, authenticating: Data(context.utf8))
            return try JSONDecoder().decode(Value.self, from: plaintext)
        } catch {
            throw EnvSealerError.cannotOpen
        }
    }
}

extension EnvSealer {
    private static let checkPlaintext = ["purpose": "baton secret key check"]

    /// A value sealed with this key that ``verifies(_:)`` recognises: stores keep one, so a server started with
    /// the wrong key refuses to run instead of failing to open every workflow's env values.
    public func makeKeyCheck() throws -> Data {
        try seal(Self.checkPlaintext, workflowID: "baton", appID: "key-check")
    }

    /// Whether `check` was made by ``makeKeyCheck()`` with this key.
    public func verifies(_ check: Data) -> Bool {
        (try? open(check, workflowID: "baton", appID: "key-check")) == Self.checkPlaintext
    }
}

/// Errors of ``EnvSealer``.
public enum EnvSealerError: Error, Equatable, Sendable {
    /// The sealed values do not open with this key.
    case cannotOpen
}
