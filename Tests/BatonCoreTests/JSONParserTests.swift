import BatonCore
import Foundation
import Testing

@Suite("JSON parsing and timestamps")
struct JSONParserTests {
    private func parse(_ text: String) throws(JSONParser.SyntaxError) -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    @Test func parsesEveryKindOfValue() throws {
        let value = try parse(#" {"a": [1, -2.5, 3e2, true, false, null], "b": {"c": "x\"y\\z\n\u00e9\ud83d\ude00/"}, "d": ""} "#)
        #expect(value == ["a": [1, .number(-2.5), 300, true, false, nil], "b": ["c": "x\"y\\z\né😀/"], "d": ""])
    }

    @Test func agreesWithFoundationOnADocument() throws {
        let text = #"{"mode":"init","config":{"apps":["app-a","app-b"],"github":{"owner":"acme"}},"envVars":{"app-a":{"DATABASE_URL":"postgres://ü@db"}},"n":12345678901}"#
        let foundation = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(try parse(text) == foundation)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "01", "1.", "-", "tru", "\"\\x\"", "\"\u{01}\"", "\"\\ud800\"", "{} {}", "nul", "[1 2]", "'a'"])
    func rejectsInvalidJSON(_ text: String) {
        #expect(throws: JSONParser.SyntaxError.self) { try parse(text) }
    }

    @Test func rejectsInvalidUTF8InStrings() {
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse([0x22, 0xFF, 0xFE, 0x22]) }
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse([0x22, 0xC3, 0x22]) }
    }

    @Test func limitsNesting() throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParser.SyntaxError.self) { try parse(deep) }
        let fine = String(repeating: "[", count: JSONParser.maxDepth) + String(repeating: "]", count: JSONParser.maxDepth)
        #expect(try parse(fine) != .null)
    }

    @Test(arguments: [0.0, 1_800_000_000.5, 951_782_400.25, -86_400.125, 4_102_444_799.875])
    func timestampsMatchFoundationsISO8601(seconds: Double) throws {
        let date = Date(timeIntervalSince1970: seconds)
        let ours = BatonJSON.formatTimestamp(date)
        let foundation = date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
        #expect(ours == foundation)
        let parsed = try #require(BatonJSON.parseTimestamp(ours))
        #expect(abs(parsed.timeIntervalSince1970 - (seconds * 1000).rounded(.down) / 1000) < 0.0005)
    }
}
