/// The Vercel user who created a project or deployment: `creator` / `createdBy` in Vercel's JSON.
struct VercelCreator: Sendable, Equatable {
    /// The user's account id.
    let id: String
    /// The user's username.
    let username: String

    /// The operator's shared personal account.
    static let sharedAccount = VercelCreator(id: VercelScope.personalAccountID, username: VercelScope.personalUsername)

    /// The user `caller` acts as.
    init(_ caller: SandboxCaller?) {
        let caller = caller ?? .operator
        self.init(id: caller.vercelAccountID, username: caller.vercelUsername)
    }

    private init(id: String, username: String) {
        self.id = id
        self.username = username
    }

    /// `{"uid", "username"}` as deployments show their creator.
    var json: JSONValue {
        ["uid": .string(id), "username": .string(username)]
    }
}
