// The `…Id` / `…Url` spellings Baton's Swift API had before, kept so hosts' code compiles (with a warning naming the new
// spelling). Vercel's JSON keys are still `repoId`, `inspectorUrl` and `projectId`.

extension VercelProject.Link {
    @available(*, deprecated, renamed: "repoID")
    public var repoId: Int? { get { repoID } set { repoID = newValue } }
}

extension VercelDeployment {
    @available(*, deprecated, renamed: "inspectorURL")
    public var inspectorUrl: String? { get { inspectorURL } set { inspectorURL = newValue } }
}

extension VercelProjectDomain {
    @available(*, deprecated, renamed: "projectID")
    public var projectId: String { get { projectID } set { projectID = newValue } }
}
