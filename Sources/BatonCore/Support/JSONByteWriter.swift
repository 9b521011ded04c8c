public import Foundation

/// Appends JSON text to a byte buffer, value by value, for documents written by hand instead of through `JSONEncoder`.
///
/// It writes what `JSONEncoder` writes for the same values (strings escaped per RFC 8259, numbers in their shortest
/// round-trip form), so `JSONDecoder` reads the result back exactly. The caller places the punctuation of objects and
/// arrays through ``object(_:)``, ``member(_:)`` and ``array(_:_:)``.
public struct JSONByteWriter {
    /// A number JSON cannot represent (infinity or NaN).
    public struct NonFiniteNumber: Error, CustomStringConvertible {
        let value: Double
        public var description: String { "\(value) cannot be written as JSON" }
    }

    /// The text written so far, UTF-8.
    public private(set) var bytes: [UInt8] = []
    /// Whether the object or array being written already has a member, so the next one needs a comma.
    private var needsComma = false

    public init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Writes an object whose members `body` writes with ``member(_:)``.
    public mutating func object(_ body: (inout JSONByteWriter) throws -> Void) rethrows {
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        try body(&self)
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Writes an array of `elements`, each written by `body`.
    public mutating func array<Elements: Sequence>(
        _ elements: Elements, _ body: (inout JSONByteWriter, Elements.Element) throws -> Void
    ) rethrows {
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        for element in elements {
            separate()
            try body(&self, element)
        }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Starts a member of the current object: its key and the colon. The value follows.
    public mutating func member(_ key: String) {
        separate()
        string(key)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    public mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for (offset, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<offset]))
                appendEscaped(byte)
                start = offset + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    public mutating func integer(_ value: some BinaryInteger) {
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    /// Writes a number the way `JSONEncoder` does: whole numbers without a fraction, others in their shortest
    /// form that reads back as the same `Double`.
    public mutating func number(_ value: Double) throws {
        guard value.isFinite else { throw NonFiniteNumber(value: value) }
        if value.rounded() == value, abs(value) < 9e15 {
            integer(Int64(value))
        } else {
            bytes.append(contentsOf: value.description.utf8)
            needsComma = true
        }
    }

    public mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
        needsComma = true
    }

    public mutating func null() {
        bytes.append(contentsOf: "null".utf8)
        needsComma = true
    }

    /// Writes a date as `JSONEncoder`'s default date strategy does: seconds since 2001-01-01, a number.
    public mutating func date(_ value: Date) throws {
        try number(value.timeIntervalSinceReferenceDate)
    }

    /// Writes a date as ``BatonJSON``'s encoder does on the wire: a `2026-11-25T03:00:00.123Z` string.
    public mutating func timestamp(_ value: Date) {
        string(BatonJSON.formatTimestamp(value))
    }

    /// Writes `value`, or `null`.
    public mutating func optional<Value>(_ value: Value?, _ body: (inout JSONByteWriter, Value) throws -> Void) rethrows {
        if let value { try body(&self, value) } else { null() }
    }

    /// Writes the member `key` with `value`, written by `body`, or nothing at all when `value` is nil (as `JSONEncoder`
    /// leaves out an absent optional).
    public mutating func member<Value>(
        _ key: String, ifPresent value: Value?, _ body: (inout JSONByteWriter, Value) throws -> Void
    ) rethrows {
        guard let value else { return }
        member(key)
        try body(&self, value)
    }

    /// Writes data as `JSONEncoder`'s default data strategy does: a base64 string.
    public mutating func data(_ value: Data) {
        string(value.base64EncodedString())
    }

    public mutating func value(_ value: JSONValue) throws {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .number(let number): try self.number(number)
        case .string(let text): string(text)
        case .array(let elements): try array(elements) { writer, element in try writer.value(element) }
        case .object(let members): try object(members)
        }
    }

    /// Writes a dictionary as an object, each value written by `body`.
    public mutating func object<Value>(_ members: [String: Value], _ body: (inout JSONByteWriter, Value) throws -> Void) rethrows {
        try object { writer in
            for (key, value) in members {
                writer.member(key)
                try body(&writer, value)
            }
        }
    }

    public mutating func object(_ members: [String: JSONValue]) throws {
        try object(members) { writer, value in try writer.value(value) }
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func appendEscaped(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
    }
}
