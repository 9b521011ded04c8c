import Foundation

/// A domain added to a project.
struct VercelProjectDomain: Sendable, Equatable {
    /// The full domain name, lower case.
    let name: String
    /// Its apex (registrable) domain.
    let apexName: String
    /// The project it belongs to.
    let projectID: String
    /// The scope of that project.
    let scope: VercelScope
    /// Whether it may be used; false until the TXT challenge is met when another account holds the apex.
    var verified: Bool
    /// The 20 hex digits of its TXT challenge value.
    let challengeToken: String
    /// Optional request fields, echoed back.
    let gitBranch: String?
    let redirect: String?
    let redirectStatusCode: Int?
    /// When it was added.
    let createdAt: Date
    /// When it last changed.
    var updatedAt: Date

    /// The TXT challenge: `_vercel.<apex>` must hold `vc-domain-verify=<name>,<token>`.
    var challengeJSON: JSONValue {
        [
            "type": "TXT", "domain": .string("_vercel.\(apexName)"),
            "value": .string("vc-domain-verify=\(name),\(challengeToken)"), "reason": "pending_domain_verification",
        ]
    }
}
