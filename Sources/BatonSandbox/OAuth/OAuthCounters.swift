/// What the OAuth endpoints did, for `GET /sandbox/state` (`"oauth"`); never a token.
struct OAuthCounters: Sendable, Equatable {
    /// Authorization codes issued (a user clicked their button on a consent page).
    var codesIssued = 0
    /// Codes exchanged for tokens.
    var codeExchanges = 0
    /// Refresh tokens exchanged for a new pair.
    var refreshes = 0
    /// Authorization and token requests refused (a denial by the user is not a refusal).
    var refusals = 0

    /// `{"codesIssued", "codeExchanges", "refreshes", "refusals"}`.
    var json: JSONValue {
        [
            "codesIssued": .int(codesIssued), "codeExchanges": .int(codeExchanges), "refreshes": .int(refreshes),
            "refusals": .int(refusals),
        ]
    }
}
