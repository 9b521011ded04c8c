import BatonCore
import Foundation
import Yams

/// Reads a catalog from a JSON or YAML file, naming the file and the field of any problem.
public enum CatalogFile {
    /// Loads and validates the catalog at `path` (`.json`, or `.yaml`/`.yml`).
    /// - Throws: ``CatalogFileError`` with a message that names the file and the field.
    public static func load(path: String) throws -> Catalog {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CatalogFileError(path: path, problems: ["cannot be read: \(error.localizedDescription)"])
        }
        return try parse(data, path: path)
    }

    /// Parses and validates catalog `data`; `path` decides the format and names the file in messages.
    public static func parse(_ data: Data, path: String) throws -> Catalog {
        let isYAML = path.hasSuffix(".yaml") || path.hasSuffix(".yml")
        let catalog: Catalog
        do {
            if isYAML {
                catalog = try YAMLDecoder().decode(Catalog.self, from: data)
            } else {
                catalog = try JSONDecoder().decode(Catalog.self, from: data)
            }
        } catch let error as DecodingError {
            throw CatalogFileError(path: path, problems: [describe(error)])
        } catch {
            throw CatalogFileError(path: path, problems: ["is not valid \(isYAML ? "YAML" : "JSON"): \(error)"])
        }
        let issues = catalog.validationIssues()
        guard issues.isEmpty else {
            throw CatalogFileError(path: path, problems: issues.map { "\($0.path): \($0.message)" })
        }
        return catalog
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            var text = ""
            for key in codingPath {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
                }
            }
            return text.isEmpty ? "(top level)" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): is required"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): must be \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): must be \(type), not null"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

/// A catalog file that cannot be used.
public struct CatalogFileError: Error, CustomStringConvertible, Sendable {
    /// The file.
    public var path: String
    /// Each problem, starting with the field it concerns.
    public var problems: [String]

    public var description: String {
        "The catalog \(path) is not valid:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
