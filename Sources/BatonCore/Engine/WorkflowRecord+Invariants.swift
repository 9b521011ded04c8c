extension WorkflowRecord {
    /// The rules every stored workflow keeps, as messages; empty when all hold.
    /// Tests check them after every transition.
    public func invariantViolations() -> [String] {
        var violations: [String] = []
        for app in apps {
            for action in app.actions {
                let name = "\(app.id)/\(action.id)"
                if action.state == .pending && action.attempt != 0 {
                    violations.append("\(name) is pending with attempt \(action.attempt)")
                }
                if [.running, .succeeded, .failed].contains(action.state) && action.attempt < 1 {
                    violations.append("\(name) is \(action.state) without an attempt")
                }
                if action.attempt > 0 {
                    let unmet = action.dependsOn.filter { dependency in
                        app.actions.first { $0.id == dependency }?.state != .succeeded
                    }
                    if !unmet.isEmpty { violations.append("\(name) started before \(unmet) succeeded") }
                }
                if (action.state == .failed) != (action.error != nil) {
                    violations.append("\(name) is \(action.state) with error \(String(describing: action.error))")
                }
                if action.lease != nil && action.state != .running {
                    violations.append("\(name) holds a lease while \(action.state)")
                }
                if action.state == .running && action.deadline == nil {
                    violations.append("\(name) is running without a deadline")
                }
                if action.pendingStop != nil && !(canceled && action.state == .canceled) {
                    violations.append("\(name) has work to stop while \(action.state)")
                }
                if canceled && (action.state == .running || action.state == .pending) {
                    violations.append("\(name) is \(action.state) in a canceled workflow")
                }
            }
        }
        return violations
    }
}
