import ArgumentParser

/// The workflow a `status`, `resume` or `cancel` command acts on, and the token that opens it.
struct WorkflowSelection: ParsableArguments {
    @Argument(help: "The workflow id (wf_…).")
    var workflowID: String

    @Option(help: "The workflow's token (default: BATON_TOKEN, else the token file `baton deploy` wrote, else the API key that started it).")
    var token: String?
}
