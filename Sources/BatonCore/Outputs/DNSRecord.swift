/// A DNS record the user must create for an app's domain, as `present-dns` outputs it (``PresentDNSOutput/records``).
public struct DNSRecord: Codable, Sendable, Hashable {
    /// `A`, `CNAME` or `TXT`.
    public var type: String
    /// The record's name relative to the apex (`@` for the apex itself).
    public var name: String
    /// The record's value: an IPv4 address, a host name, or a verification token.
    public var value: String

    public init(type: String, name: String, value: String) {
        self.type = type
        self.name = name
        self.value = value
    }
}
