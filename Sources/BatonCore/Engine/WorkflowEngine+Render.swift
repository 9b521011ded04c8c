import Foundation

extension WorkflowEngine {
    /// How long a client is told to wait before asking about a pending action again.
    static let pendingPollAfterMs = 1000
    /// How long a client is told to wait while another request is working on the action.
    static let busyPollAfterMs = 250

    /// The wire status of one action.
    func actionStatus(_ record: WorkflowRecord, _ index: WorkflowRecord.ActionIndex, now: Date) -> ActionStatus {
        let action = record[index]
        return ActionStatus(
            app: record.apps[index.app].id, action: action.id, title: action.title, state: action.state,
            attempt: action.attempt, message: action.message, pollAfterMs: pollAfterMs(action, now: now),
            outputs: action.outputs, error: action.error?.withFix, updatedAt: action.updatedAt,
            startedAt: action.attempt > 0 ? action.startedAt : nil,
            deadlineAt: action.state == .running ? action.deadline?.at : nil,
            progress: action.progress, sequence: action.sequence ?? 0
        )
    }

    /// The wire status of the whole workflow; its history only when `includeHistory`.
    func workflowStatus(_ record: WorkflowRecord, now: Date, includeHistory: Bool = false) -> WorkflowStatus {
        let apps = record.apps.enumerated().map { appIndex, app in
            let actions = app.actions.indices.map {
                actionStatus(record, WorkflowRecord.ActionIndex(app: appIndex, action: $0), now: now)
            }
            return AppStatus(id: app.id, name: app.name, state: app.actions.map(\.state).summarized(), actions: actions)
        }
        let pendingCancellations = record.actionIndices.compactMap { index -> PendingCancellation? in
            let action = record[index]
            guard let stop = action.pendingStop else { return nil }
            let why = stop.lastProblem.map { " (last try: \($0))" } ?? ""
            return PendingCancellation(
                app: record.apps[index.app].id, action: action.id,
                message: "Stopping what \(action.title.lowercased()) started\(why)"
            )
        }
        return WorkflowStatus(
            workflowID: record.id, state: record.shownState,
            definitionVersion: record.definitionVersion, apps: apps, history: includeHistory ? record.history : nil,
            pendingCancellations: pendingCancellations
        )
    }

    private func pollAfterMs(_ action: ActionRecord, now: Date) -> Int? {
        switch action.state {
        case .pending: return Self.pendingPollAfterMs
        case .running:
            if action.lease?.isHeld(at: now) == true { return Self.busyPollAfterMs }
            guard var next = action.nextPollAt else { return 0 }
            if let deadline = action.deadline?.at { next = min(next, deadline) }
            return max(0, Int((next.timeIntervalSince(now) * 1000).rounded(.up)))
        case .succeeded, .failed, .canceled: return nil
        }
    }
}
