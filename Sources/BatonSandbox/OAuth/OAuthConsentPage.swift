/// The consent page of the imitated github.com and vercel.com: one button per sandbox user
/// (`data-sandbox-user="<login or username>"`) and a deny button (`data-sandbox-deny`), in one form that posts the
/// authorization request back to the page's own path. It works without scripts.
enum OAuthConsentPage {
    /// The form field naming the chosen user.
    static let userField = "sandbox_user"
    /// The form field present when the user denied.
    static let denyField = "sandbox_deny"

    /// The page for `request`, whose form posts to `action` (the path the page was served from).
    static func render(_ request: OAuthAuthorizationRequest, action: String) -> String {
        let hidden = request.carried.map { name, value in
            #"<input type="hidden" name="\#(OAuthPage.escape(name))" value="\#(OAuthPage.escape(value))">"#
        }
        let (title, intro, choices) =
            request.app.provider == .github ? gitHubText() : vercelText(scope: request.scope)
        let buttons = choices.map { account, label, detail in
            #"<button type="submit" name="\#(userField)" value="\#(OAuthPage.escape(account))" "#
                + #"data-sandbox-user="\#(OAuthPage.escape(account))">\#(OAuthPage.escape(label))<br>"#
                + "<small>\(OAuthPage.escape(detail))</small></button>"
        }
        let deny = #"<button type="submit" name="\#(denyField)" value="1" data-sandbox-deny>Cancel</button>"#
        let heading = ["<h1>\(OAuthPage.escape(title))</h1>", "<p>\(OAuthPage.escape(intro))</p>"]
        let form = #"<form method="post" action="\#(OAuthPage.escape(action))">"#
        let body = heading + [form] + hidden + buttons + [deny, "</form>"]
        return OAuthPage.document(title: title, body: body.joined(separator: "\n"))
    }

    private static func gitHubText() -> (String, String, [(String, String, String)]) {
        let choices = SandboxGitHubUser.all.map { user in
            let organizations = user.organizations.map { organization in
                organization.login + (organization.installationID == nil ? " (App not installed)" : "")
            }
            return (
                user.login, "Authorize as \(user.login)",
                "Organizations: " + (organizations.isEmpty ? "none" : organizations.joined(separator: ", "))
            )
        }
        return (
            "Authorize \(OAuthApp.gitHubAppSlug)",
            "Sandbox GitHub: the GitHub App \(OAuthApp.gitHubAppSlug) wants to act on your behalf. "
                + "Choose a sandbox user.",
            choices
        )
    }

    private static func vercelText(scope: String) -> (String, String, [(String, String, String)]) {
        let choices = SandboxVercelUser.all.map { user in
            (
                user.username, "Continue as \(user.username)",
                "Teams: " + user.teams.map { "\($0.name) (\($0.slug))" }.joined(separator: ", ")
            )
        }
        let scopes = scope.isEmpty ? "no scopes" : "scopes: \(scope)"
        return (
            "Sign in with Vercel",
            "Sandbox Vercel: Baton wants to access your account (\(scopes)). Choose a sandbox user.",
            choices
        )
    }
}
