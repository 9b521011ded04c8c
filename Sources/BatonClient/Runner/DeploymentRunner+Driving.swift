import BatonCore

extension DeploymentRunner {
    /// Drives `app`'s actions in order: triggers each one not started, then follows it with long-polled `status` calls
    /// until it finishes. Returns when every action succeeded, when one failed (after one retry of an already failed
    /// action when `retryingFailed`), or when the workflow was canceled.
    nonisolated func drive(app: String, retryingFailed: Bool) async throws {
        var mayRetryFailed = retryingFailed
        let count = await actionCount(app: app)
        actions: for index in 0..<count {
            while true {
                try Task.checkCancellation()
                guard let action = await progress(app: app, actionIndex: index) else { return }
                let reference = ActionReference(workflowID: credentials.workflowID, app: app, action: action.id)
                switch action.state {
                case .succeeded:
                    continue actions
                case .canceled:
                    return
                case .failed:
                    guard mayRetryFailed else { return }
                    mayRetryFailed = false
                    guard try await trigger(reference) else { return }
                case .pending:
                    guard try await trigger(reference) else { return }
                case .running:
                    guard try await follow(reference) else { return }
                }
            }
        }
    }

    /// The longest pause between two `status` requests of one action, whatever `pollAfterMs` says.
    static let longestPause = Duration.seconds(2)

    /// Sends `trigger`; `false` when the workflow turned out to be canceled.
    private nonisolated func trigger(_ reference: ActionReference) async throws -> Bool {
        let token = credentials.token
        let client = client
        return try await send { () async throws(BatonClientError) in try await client.trigger(reference, token: token) } != nil
    }

    /// Sends one long-polled `status`; when the action is still running and the answer came sooner than the server's
    /// `pollAfterMs` (capped at ``longestPause``), waits out the rest before the next one. `false` when the workflow
    /// turned out to be canceled.
    ///
    /// The cap matters while an action waits for provider capacity: `pollAfterMs` is then the time until the next free
    /// slot, up to an hour, and a change made elsewhere (a cancel) would go unseen that long. Long polls wake on any
    /// change, so polling again after at most ``longestPause`` costs one cheap request per long poll.
    private nonisolated func follow(_ reference: ActionReference) async throws -> Bool {
        let token = credentials.token
        let client = client
        let waitMs = options.longPollMs
        let clock = ContinuousClock()
        let started = clock.now
        guard let status = try await send({ () async throws(BatonClientError) in
            try await client.status(reference, token: token, waitMs: waitMs)
        }) else { return false }
        if status.state == .running, let pollAfterMs = status.pollAfterMs {
            let rest = min(.milliseconds(pollAfterMs), Self.longestPause) - (clock.now - started)
            if rest > .zero { try await Task.sleep(for: rest) }
        }
        return true
    }

    /// Runs one request with the retry policy and records its answer. When the server says the workflow was
    /// canceled, records the whole workflow's state and returns `nil`.
    private nonisolated func send(_ request: () async throws(BatonClientError) -> ActionStatus) async throws -> ActionStatus? {
        do {
            let status = try await options.retryPolicy.run(request, onRetry: { await self.note($0) })
            await record(status)
            if status.state == .canceled {
                // The workflow was canceled: take in every action's state, not only this one's.
                let credentials = credentials
                let client = client
                let workflow = try await options.retryPolicy.run { () async throws(BatonClientError) in
                    try await client.workflowStatus(credentials)
                }
                await replace(with: workflow)
            }
            return status
        } catch let error as BatonClientError where error.apiError?.knownCode == .workflowCanceled {
            let credentials = credentials
            let client = client
            let workflow = try await options.retryPolicy.run { () async throws(BatonClientError) in
                try await client.workflowStatus(credentials)
            }
            await replace(with: workflow)
            return nil
        }
    }
}
