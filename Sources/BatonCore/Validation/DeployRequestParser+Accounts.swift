extension DeployRequestParser {
    /// The longest token accepted in `accounts.*.token` (GitHub's and Vercel's are far shorter).
    static let maxAccountTokenBytes = 1024

    /// `accounts`: `{"github": "connected" | {"token": "…"}, "vercel": …}`, both providers or none (a workflow deploys
    /// either into the user's own accounts or with the server's, never half of each).
    func parseAccounts(_ value: JSONValue?, _ collector: inout IssueCollector) -> [AccountProviderKind: AccountChoice] {
        guard let accounts = collector.object(value, at: "accounts", required: false) else { return [:] }
        collector.rejectUnknownFields(of: accounts, allowed: Set(AccountProviderKind.allCases.map(\.rawValue)), at: "accounts")
        var choices: [AccountProviderKind: AccountChoice] = [:]
        for kind in AccountProviderKind.allCases {
            let path = "accounts.\(kind.rawValue)"
            guard let given = accounts[kind.rawValue], given != .null else {
                collector.add(path, "is required: a workflow uses your own account at every provider or at none (give \"connected\" or {\"token\": \"…\"})")
                continue
            }
            if let word = given.stringValue {
                if word == "connected" {
                    choices[kind] = .connected
                } else {
                    collector.add(path, "must be \"connected\" or an object {\"token\": \"…\"}")
                }
                continue
            }
            guard let object = collector.object(given, at: path, required: true) else { continue }
            collector.rejectUnknownFields(of: object, allowed: ["token"], at: path)
            guard let token = collector.string(object["token"], at: "\(path).token", required: true) else { continue }
            if token.isEmpty {
                collector.add("\(path).token", "must not be empty")
            } else if token.utf8.count > Self.maxAccountTokenBytes {
                collector.add("\(path).token", "must be at most \(Self.maxAccountTokenBytes) bytes")
            } else if token.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value > 0x7E }) {
                collector.add("\(path).token", "must be printable ASCII without spaces")
            } else {
                choices[kind] = .token(token)
            }
        }
        return choices
    }
}
