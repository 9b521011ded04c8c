@testable import BatonSandbox
import Foundation

/// A parsed JSON response body, navigable with subscripts: `json["owner"]?["login"]?.string`.
enum TestJSON: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([TestJSON])
    case object([String: TestJSON])

    /// Decodes with the sandbox's own JSON decoding, so a test reads a body as the sandbox would.
    init(from decoder: any Decoder) throws {
        self.init(try JSONValue(from: decoder))
    }

    /// `value` with every number, integer or not, as a `Double`.
    init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .number(Double(number))
        case .double(let number): self = .number(number)
        case .string(let text): self = .string(text)
        case .array(let elements): self = .array(elements.map(TestJSON.init))
        case .object(let members): self = .object(members.mapValues(TestJSON.init))
        }
    }

    /// Parses `data`; nil when it is not JSON.
    static func parse(_ data: Data) -> TestJSON? {
        try? JSONDecoder().decode(TestJSON.self, from: data)
    }

    /// Parses `text`, an expected body written out in a test; nil when it is not JSON.
    static func literal(_ text: String) -> TestJSON? {
        parse(Data(text.utf8))
    }

    subscript(key: String) -> TestJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    subscript(index: Int) -> TestJSON? {
        if case .array(let elements) = self, elements.indices.contains(index) { return elements[index] }
        return nil
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var int: Int? {
        if case .number(let number) = self { return Int(exactly: number) }
        return nil
    }

    var double: Double? {
        if case .number(let number) = self { return number }
        return nil
    }

    var bool: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    var array: [TestJSON]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    var object: [String: TestJSON]? {
        if case .object(let members) = self { return members }
        return nil
    }

    var isNull: Bool { self == .null }
}
