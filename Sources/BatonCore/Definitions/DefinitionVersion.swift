import Crypto
import Foundation

/// The version of what a server plans with: a hash of its catalog and workflow definition.
///
/// A workflow stores the version it was planned with; when the server's definitions change,
/// triggers of older workflows are refused with `definition_changed` instead of running a plan
/// the server no longer stands behind.
public enum DefinitionVersion {
    /// `sha256-` and the first 32 hex digits of the SHA-256 of the canonical JSON of both.
    public static func of(catalog: Catalog, definition: WorkflowDefinition) -> String {
        struct Canonical: Encodable {
            var catalog: Catalog
            var workflow: WorkflowDefinition
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding these plain value types cannot fail; an empty input would still give a stable hash.
        let data = (try? encoder.encode(Canonical(catalog: catalog, workflow: definition))) ?? Data()
        let digest = SHA256.hash(data: data)
        return "sha256-" + digest.prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}
