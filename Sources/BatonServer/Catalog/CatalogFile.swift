public import BatonCore
public import Foundation
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
        func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
            isYAML ? try YAMLDecoder().decode(type, from: data) : try JSONDecoder().decode(type, from: data)
        }
        // Unknown keys are named even when a field is then missing: `subdomian` explains a missing `subdomain`.
        let unknown = unknownKeys(in: try? decode(JSONValue.self))
        let catalog: Catalog
        do {
            catalog = try decode(Catalog.self)
        } catch let error as DecodingError {
            throw CatalogFileError(path: path, problems: unknown + [describe(error)])
        } catch {
            throw CatalogFileError(path: path, problems: ["is not valid \(isYAML ? "YAML" : "JSON"): \(error)"])
        }
        let problems = unknown + catalog.validationIssues().map { "\($0.path): \($0.message)" }
        guard problems.isEmpty else { throw CatalogFileError(path: path, problems: problems) }
        return catalog
    }

    /// The keys a catalog file may use: at the top, in each app, and in each env var.
    private static let topKeys: Set<String> = ["apps"]
    private static let appKeys: Set<String> = Set(AppSpec.CodingKeys.allCases.map(\.stringValue))
    private static let envKeys: Set<String> = ["key", "required", "description"]

    /// A problem for every key the catalog does not know, such as a misspelt `subdomian`, which would otherwise be
    /// ignored silently.
    private static func unknownKeys(in document: JSONValue?) -> [String] {
        guard case .object(let top) = document else { return [] }
        var problems = unknown(top, allowed: topKeys, at: "")
        guard case .array(let apps) = top["apps"] else { return problems }
        for (index, app) in apps.enumerated() {
            guard case .object(let members) = app else { continue }
            problems += unknown(members, allowed: appKeys, at: "apps[\(index)].")
            guard case .array(let env) = members["env"] else { continue }
            for (envIndex, variable) in env.enumerated() {
                guard case .object(let fields) = variable else { continue }
                problems += unknown(fields, allowed: envKeys, at: "apps[\(index)].env[\(envIndex)].")
            }
        }
        return problems
    }

    private static func unknown(_ members: [String: JSONValue], allowed: Set<String>, at prefix: String) -> [String] {
        members.keys.filter { !allowed.contains($0) }.sorted().map {
            "\(prefix)\($0): is not a catalog field (known: \(allowed.sorted().joined(separator: ", ")))"
        }
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
