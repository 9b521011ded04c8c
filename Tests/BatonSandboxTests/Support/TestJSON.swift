import Foundation

/// A parsed JSON response body, navigable with subscripts: `json["owner"]?["login"]?.string`.
enum TestJSON: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([TestJSON])
    case object([String: TestJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let elements = try? container.decode([TestJSON].self) {
            self = .array(elements)
        } else {
            self = .object(try container.decode([String: TestJSON].self))
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
