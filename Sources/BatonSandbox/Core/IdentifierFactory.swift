/// Makes the provider-style identifiers (`prj_…`, `dpl_…`, hex challenges) from its own deterministic sequence,
/// separate from the failure generator so that injecting failures does not change identifiers.
struct IdentifierFactory: Sendable {
    private static let alphanumerics = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    private static let lowercaseAlphanumerics = Array("abcdefghijklmnopqrstuvwxyz0123456789")
    private static let hexDigits = Array("0123456789abcdef")

    private var generator = SeededGenerator(seed: 0xBA70_5A4D_B0C5)

    /// `prefix` followed by `length` mixed-case letters and digits, e.g. `prj_` + 28 characters.
    mutating func make(prefix: String, length: Int) -> String {
        prefix + draw(length, from: Self.alphanumerics)
    }

    /// `length` lowercase letters and digits, as in deployment hostnames.
    mutating func lowercase(length: Int) -> String {
        draw(length, from: Self.lowercaseAlphanumerics)
    }

    /// `length` lowercase hex digits, as in commit SHAs and TXT challenges.
    mutating func hex(length: Int) -> String {
        draw(length, from: Self.hexDigits)
    }

    private mutating func draw(_ length: Int, from alphabet: [Character]) -> String {
        var text = ""
        for _ in 0..<length {
            text.append(alphabet[Int(generator.next() % UInt64(alphabet.count))])
        }
        return text
    }
}
