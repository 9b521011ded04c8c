import BatonCore

extension ActionContext {
    /// A string output of an earlier action, or a failure explaining it is missing.
    func requiredString(_ action: String, _ key: String) throws -> String {
        guard case .string(let value) = output(of: action, key) else { throw MissingOutput(action: action, key: key) }
        return value
    }

    /// An integer output of an earlier action, or a failure explaining it is missing.
    func requiredInteger(_ action: String, _ key: String) throws -> Int {
        guard let value = output(of: action, key)?.integerValue else { throw MissingOutput(action: action, key: key) }
        return value
    }
}

/// An earlier action's output that an action needs is missing: a bug, or a plan changed under the workflow.
struct MissingOutput: Error, CustomStringConvertible {
    let action: String
    let key: String

    var description: String { "missing output '\(key)' of \(action)" }
}
