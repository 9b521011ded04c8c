import BatonCore

/// `configure-env`: creates or updates the app's env vars on its Vercel project (encrypted, for production and
/// preview). Upserting converges by itself. Once it succeeds the engine erases the values from the workflow.
struct ConfigureEnvAction: SingleStepProviderAction {
    let clients: ProviderClients

    var timeouts: ActionTimeouts { ActionTimeouts(attempt: .seconds(180)) }

    func advance(_ state: State, context: ActionContext) async throws -> ProviderStep<State> {
        let project = try context.output(CreateProjectOutput.self)
        guard !context.envValues.isEmpty else {
            return .failed(ActionFailure(
                code: "env_values_gone",
                message: "The workflow no longer holds the env values (they are erased once applied or when it is canceled).",
                retryable: false,
                fix: "Start a new workflow with the env values."
            ))
        }
        let failed: [String: String]
        do {
            failed = try await clients.vercel(for: context).upsertEnv(projectID: project.projectID, values: context.envValues, teamID: clients.teamID(context))
        } catch ProviderError.unexpected(.vercel, 400, "ENV_CONFLICT", let message) {
            // Vercel refuses to upsert a variable whose targets differ from the existing one's; retrying cannot help.
            return .failed(ActionFailure(
                code: "env_conflict",
                message: "Vercel refused to set the env vars of \(project.name): \(message)",
                retryable: false,
                fix: "On Vercel, remove or rename the variable it names in \(project.name) (Settings → Environment Variables), or give it exactly the targets production and preview, then trigger the action again."
            ))
        }
        guard failed.isEmpty else {
            let reasons = failed.keys.sorted().map { "\($0): \(failed[$0]!)" }.joined(separator: "; ")
            return .failed(ActionFailure(
                code: "env_failed", message: "Vercel did not store every env var (\(reasons)).", retryable: true,
                fix: "Trigger the action again; if Vercel names a conflicting variable, remove or rename it on the project first."
            ))
        }
        let keys = context.envValues.keys.sorted()
        return try .succeeded(ConfigureEnvOutput(keys: keys), message: "Set \(keys.joined(separator: ", "))")
    }
}
