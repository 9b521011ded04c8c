import BatonCore
import Foundation

/// Reads `KEY=VALUE` lines in the dotenv format: blank lines and `#` comments skipped, an optional `export `
/// prefix, values bare (trimmed, a ` #` comment cut off), in single quotes (literal) or in double quotes (with `\n`,
/// `\t`, `\"` and `\\` escapes).
enum DotenvFile {
    /// The pairs in `text`, in order; throws naming `path` and the line of the first problem.
    static func parse(_ text: String, path: String) throws(CLIFailure) -> [(key: String, value: String)] {
        var pairs: [(key: String, value: String)] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine)
            line = line.drop { $0 == " " || $0 == "\t" }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = line.dropFirst("export ".count).drop { $0 == " " } }
            guard let equals = line.firstIndex(of: "=") else {
                throw .usage("\(path):\(offset + 1): expected KEY=VALUE")
            }
            let key = line[..<equals].trimmingSpaces()
            guard !key.isEmpty else { throw .usage("\(path):\(offset + 1): the key before = is empty") }
            do {
                pairs.append((String(key), try value(line[line.index(after: equals)...])))
            } catch {
                throw .usage("\(path):\(offset + 1): \(error.message)")
            }
        }
        return pairs
    }

    private struct ValueProblem: Error {
        let message: String
    }

    private static func value(_ raw: Substring) throws(ValueProblem) -> String {
        let text = raw.trimmingSpaces()
        guard let quote = text.first, quote == "\"" || quote == "'" else {
            if let comment = text.range(of: " #") { return String(text[..<comment.lowerBound]).trimmingSpaces() }
            return String(text)
        }
        var result = ""
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let character = text[index]
            if character == quote {
                let rest = text[text.index(after: index)...].trimmingSpaces()
                guard rest.isEmpty || rest.hasPrefix("#") else { throw ValueProblem(message: "text after the closing quote") }
                return result
            }
            if quote == "\"" && character == "\\" {
                index = text.index(after: index)
                guard index < text.endIndex else { break }
                switch text[index] {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                default: result.append(text[index])
                }
            } else {
                result.append(character)
            }
            index = text.index(after: index)
        }
        throw ValueProblem(message: "the value's quote is not closed")
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
