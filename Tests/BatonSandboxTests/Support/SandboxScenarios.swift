import BatonSandbox
import Foundation
import HTTPTypes

/// Steps several tests share: a ready fork, a linked project.
extension SandboxClient {
    /// Forks `baton-templates/<template>` into `organization` and waits (on the manual clock) until it is populated.
    /// Returns the fork's `full_name` and `id`.
    func readyFork(
        of template: String = "app-a", into organization: String = "acme", name: String? = nil
    ) async throws -> (fullName: String, id: Int) {
        let nameField = name.map { #","name":"\#($0)""# } ?? ""
        let fork = try await github(
            .post, "/repos/baton-templates/\(template)/forks",
            body: #"{"organization":"\#(organization)"\#(nameField)}"#)
        clock.advance(by: 5)
        return (fork.json?["full_name"]?.string ?? "", fork.json?["id"]?.int ?? 0)
    }

    /// Creates a Vercel project linked to `repository` (`owner/name`); returns the response.
    func createProject(
        _ name: String, repository: String, query: String = ""
    ) async throws -> SandboxResponse {
        try await vercel(
            .post, "/v11/projects\(query)",
            body: #"{"name":"\#(name)","framework":"nextjs","gitRepository":{"type":"github","repo":"\#(repository)"}}"#
        )
    }

    /// A ready fork plus a project linked to it; returns the project id and the fork's repository id.
    func linkedProject(_ name: String, organization: String = "acme") async throws -> (projectID: String, repoID: Int) {
        let fork = try await readyFork(into: organization, name: name)
        let project = try await createProject(name, repository: fork.fullName)
        return (project.json?["id"]?.string ?? "", fork.id)
    }

    /// Creates a production deployment of `project` from repository `repoID`; returns the response.
    func deploy(_ project: String, repoID: Int, meta: String = "{}", query: String = "") async throws -> SandboxResponse
    {
        try await vercel(
            .post, "/v13/deployments\(query)",
            body:
                #"{"name":"\#(project)","project":"\#(project)","target":"production","gitSource":{"type":"github","repoId":\#(repoID),"ref":"main"},"meta":\#(meta)}"#
        )
    }
}
