import BatonClient
import BatonCore
import Foundation

/// Progress as JSON Lines: one event object per line (`plan`, `action`, `notice`, `finished`, `interrupted`,
/// `error`), for scripts.
actor JSONEventLog: ProgressRenderer {
    private let output = TerminalOutput()
    private var previous: DeploymentSnapshot?
    private var lastNotice: String?

    func show(_ snapshot: DeploymentSnapshot) {
        if previous == nil {
            emit(["event": "plan", "workflowId": .string(snapshot.workflowID), "apps": .array(snapshot.apps.map { app in
                ["id": .string(app.id), "name": .string(app.name),
                 "actions": .array(app.actions.map { ["id": .string($0.id), "title": .string($0.title)] })]
            })])
        }
        for change in snapshot.actionChanges(since: previous) {
            let action = change.action
            var event: [String: JSONValue] = [
                "event": "action", "app": .string(change.app), "action": .string(action.id), "state": .string(action.state.rawValue),
                "attempt": .number(Double(action.attempt)), "message": .string(action.message),
            ]
            if let error = action.error {
                event["error"] = [
                    "code": .string(error.code), "message": .string(error.message), "retryable": .bool(error.retryable),
                    "fix": error.fix.map(JSONValue.string) ?? .null,
                ]
            }
            if action.state == .succeeded { event["outputs"] = .object(action.outputs) }
            if let progress = action.progress { event["progress"] = .object(progress) }
            emit(event)
        }
        if let notice = snapshot.notice, notice != lastNotice { emit(["event": "notice", "message": .string(notice)]) }
        lastNotice = snapshot.notice
        previous = snapshot
    }

    func finish(_ snapshot: DeploymentSnapshot, figures: RunFigures) {
        show(snapshot)
        emit([
            "event": "finished", "workflowId": .string(snapshot.workflowID), "state": .string(snapshot.state.rawValue),
            "apps": .array(snapshot.apps.map { app in
                ["id": .string(app.id), "state": .string(app.state.rawValue), "url": app.deploymentURL.map(JSONValue.string) ?? .null]
            }),
            "dnsRecords": .array(snapshot.dnsRecords.flatMap { dns in dns.records.map {
                ["domain": .string(dns.domain), "type": .string($0.type), "name": .string($0.name), "value": .string($0.value)]
            } }),
            "requests": .number(Double(figures.requests)), "actions": .number(Double(figures.actions)),
            "elapsedMs": .number(figures.elapsed.milliseconds.rounded()),
        ])
    }

    func interrupted(_ snapshot: DeploymentSnapshot, resumeCommand: String) {
        emit(["event": "interrupted", "workflowId": .string(snapshot.workflowID), "resume": .string(resumeCommand)])
    }

    func starting(_ notice: String) {
        emit(["event": "notice", "message": .string(notice)])
    }

    func failed(_ failure: CLIFailure) {
        var event: [String: JSONValue] = ["event": "error", "exitCode": .number(Double(failure.exitCode))]
        switch failure {
        case .usage(let message):
            event["code"] = "usage"
            event["message"] = .string(message)
        case .unreachable(let message):
            event["code"] = "unreachable"
            event["message"] = .string(message)
        case .rejected(let error):
            event["code"] = .string(error.code)
            event["message"] = .string(error.message)
            event["details"] = .array(error.details.map { ["path": .string($0.path), "message": .string($0.message)] })
        }
        emit(event)
    }

    private func emit(_ event: [String: JSONValue]) {
        guard let data = try? BatonJSON.makeEncoder(sortedKeys: true).encode(JSONValue.object(event)) else { return }
        output.write(String(decoding: data, as: UTF8.self) + "\n")
    }
}
