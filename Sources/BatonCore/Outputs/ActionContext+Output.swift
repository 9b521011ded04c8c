/// An earlier action's outputs that an action needs are missing or not what it expects: a bug, or a plan changed under
/// the workflow. Thrown by ``ActionContext/output(_:)``.
public struct MissingActionOutput: Error, Sendable, Hashable, CustomStringConvertible {
    /// The action whose outputs were asked for, such as `create-project`.
    public var action: String
    /// What is wrong, such as `it has no outputs yet` or `its outputs lack projectId`.
    public var problem: String

    public init(action: String, problem: String) {
        self.action = action
        self.problem = problem
    }

    public var description: String { "missing output of \(action): \(problem)" }

    /// The failure an action reports when it cannot run for want of this output (`missing_output`, not retryable):
    /// what the engine answers when an action throws this, and what provider actions return.
    public var failure: ActionFailure {
        ActionFailure(
            code: "missing_output", message: "Cannot run: \(self).", retryable: false,
            fix: "Start a new workflow; this one's earlier results are not what this action needs."
        )
    }

    /// The outputs of `action` did not decode as `type`.
    init(action: String, type: Any.Type, error: DecodingError) {
        let problem = switch error {
        case .keyNotFound(let key, let context):
            "its outputs lack \(Self.path(context.codingPath + [key]))"
        case .typeMismatch(let expected, let context), .valueNotFound(let expected, let context):
            "its output \(Self.path(context.codingPath)) is not \(expected)"
        case .dataCorrupted(let context):
            "its outputs do not fit \(type): \(context.debugDescription)"
        @unknown default:
            "its outputs do not fit \(type)"
        }
        self.init(action: action, problem: problem)
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.enumerated().map { index, key in
            key.intValue.map { "[\($0)]" } ?? (index == 0 ? "" : ".") + key.stringValue
        }.joined()
    }
}

extension ActionContext {
    /// The outputs of the earlier action `Output` describes (``ActionOutput/actionID``).
    /// - Throws: ``MissingActionOutput`` when that action has no outputs yet or they do not decode as `Output`.
    public func output<Output: ActionOutput>(_ type: Output.Type) throws -> Output {
        try output(type, of: Output.actionID)
    }

    /// The outputs of the earlier action `actionID`, decoded as `type`.
    /// - Throws: ``MissingActionOutput`` when that action has no outputs yet or they do not decode as `type`.
    public func output<Output: Decodable>(_ type: Output.Type, of actionID: String) throws -> Output {
        guard let stored = outputs[actionID] else {
            throw MissingActionOutput(action: actionID, problem: "it has no outputs yet")
        }
        do {
            return try JSONValue.object(stored).decode(as: type)
        } catch let error as DecodingError {
            throw MissingActionOutput(action: actionID, type: type, error: error)
        }
    }
}
