/// The shapes Baton accepts for names and identifiers, checked without regular expressions so
/// they cost nothing on the request path.
public enum Patterns {
    /// A GitHub login: 1–39 letters, digits or single hyphens, not starting or ending with a hyphen.
    public static func isGitHubLogin(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...39).contains(bytes.count), bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else {
            return false
        }
        var previousWasHyphen = false
        for byte in bytes {
            if byte == UInt8(ascii: "-") {
                if previousWasHyphen { return false }
                previousWasHyphen = true
            } else if isASCIIAlphanumeric(byte) {
                previousWasHyphen = false
            } else {
                return false
            }
        }
        return true
    }

    /// A GitHub repository name: 1–100 letters, digits, `-`, `_` or `.`, not `.` or `..`.
    public static func isRepositoryName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...100).contains(bytes.count), text != ".", text != ".." else { return false }
        return bytes.allSatisfy { isASCIIAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    /// A repository reference `owner/name`.
    public static func isRepositoryReference(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && isGitHubLogin(String(parts[0])) && isRepositoryName(String(parts[1]))
    }

    /// A Vercel team id: `team_` followed by 1–64 letters or digits.
    public static func isVercelTeamID(_ text: String) -> Bool {
        guard text.hasPrefix("team_") else { return false }
        let rest = text.utf8.dropFirst(5)
        return (1...64).contains(rest.count) && rest.allSatisfy(isASCIIAlphanumeric)
    }

    /// A slug: 1–63 lower-case letters, digits and single hyphens, starting with a letter or digit.
    public static func isSlug(_ text: String) -> Bool {
        isDNSLabel(text)
    }

    /// A DNS label: 1–63 lower-case letters, digits or hyphens, not starting or ending with a hyphen.
    public static func isDNSLabel(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...63).contains(bytes.count), bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else {
            return false
        }
        return bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// A fully qualified domain name with at least two labels, at most 253 characters, and a non-numeric top-level label.
    /// Upper case is accepted; compare domains after lower-casing them.
    public static func isDomainName(_ text: String) -> Bool {
        let lowered = text.lowercased()
        guard lowered.utf8.count <= 253 else { return false }
        let labels = lowered.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard labels.count >= 2, labels.allSatisfy(isDNSLabel) else { return false }
        return !(labels.last!.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
    }

    /// A URL's host and optional port, as a `Host` header carries them: a name or IPv4 address (1–253 letters, digits,
    /// `-`, `.` or `_`) or a bracketed IPv6 address, then `:` and a port from 1 to 65535 if any. No user info, path,
    /// query or spaces, so it can be put before a path to make a URL.
    public static func isHostAndPort(_ text: String) -> Bool {
        var host = Substring(text)
        var port: Substring?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            let rest = host[host.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return false }
                port = rest.dropFirst()
            }
            let address = host[host.index(after: host.startIndex)..<close]
            guard !address.isEmpty, address.utf8.allSatisfy({ isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") })
            else { return false }
        } else {
            if let colon = host.firstIndex(of: ":") {
                port = host[host.index(after: colon)...]
                host = host[..<colon]
            }
            guard (1...253).contains(host.utf8.count), host.utf8.allSatisfy(isHostNameByte) else { return false }
        }
        guard let port else { return true }
        guard (1...5).contains(port.utf8.count), port.utf8.allSatisfy(isDigit), let number = Int(port) else { return false }
        return (1...65535).contains(number)
    }

    /// An env var key: `^[A-Z_][A-Z0-9_]*$`, at most 256 characters.
    public static func isEnvKey(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, bytes.count <= 256 else { return false }
        guard isUpper(first) || first == UInt8(ascii: "_") else { return false }
        return bytes.allSatisfy { isUpper($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    private static func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool { isLower(byte) || isDigit(byte) }
    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool { isUpper(byte) || isLower(byte) || isDigit(byte) }
    private static func isHostNameByte(_ byte: UInt8) -> Bool {
        isASCIIAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
    }
    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
}
