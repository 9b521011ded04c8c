/// A syntactically valid domain name and its apex.
struct DomainName: Sendable, Equatable {
    /// Public suffixes of two labels, so that `a.example.co.uk` has apex `example.co.uk`.
    private static let twoLabelSuffixes: Set<String> = [
        "co.uk", "org.uk", "ac.uk", "gov.uk", "com.au", "net.au", "org.au", "co.nz", "co.jp", "com.br", "co.za",
        "com.mx", "com.cn", "co.in", "com.tr",
    ]
    private static let labelCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789-")

    /// The name, lower case, without a trailing dot.
    let name: String
    /// The registrable domain: `example.com` for `www.example.com`.
    let apex: String

    /// Whether the name is its own apex.
    var isApex: Bool { name == apex }

    /// Parses `text`; nil when it is not a valid domain name with a top-level domain.
    init?(_ text: String) {
        var lowered = text.lowercased()
        if lowered.hasSuffix(".") { lowered.removeLast() }
        let labels = lowered.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard lowered.count <= 253, labels.count >= 2,
            labels.allSatisfy({ label in
                (1...63).contains(label.count) && label.allSatisfy(Self.labelCharacters.contains)
                    && !label.hasPrefix("-") && !label.hasSuffix("-")
            }),
            let topLevel = labels.last, topLevel.count >= 2, topLevel.allSatisfy(\.isLetter)
        else { return nil }
        let lastTwo = labels.suffix(2).joined(separator: ".")
        let apexLabels = Self.twoLabelSuffixes.contains(lastTwo) ? 3 : 2
        guard labels.count >= apexLabels else { return nil }
        name = lowered
        apex = labels.suffix(apexLabels).joined(separator: ".")
    }
}
