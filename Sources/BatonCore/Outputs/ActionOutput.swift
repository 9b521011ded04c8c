/// The public results of one action, as a `Codable` type shared by the action that produces them and everything that
/// reads them: later actions (``ActionContext/output(_:)``), clients (``ActionStatus/output(_:)``) and tools.
///
/// The engine stores an action's outputs as the JSON object this type encodes to, and `status` returns that object in
/// ``ActionStatus/outputs``; the type's coding keys are therefore wire names: rename a Swift property freely, never its
/// key. Outputs are public: they are shown to clients and stored in plain text. Never put secrets (tokens, env values)
/// in them.
///
/// An action succeeds with one through ``ActionOutcome/succeeded(_:message:)``.
public protocol ActionOutput: Codable, Sendable, Hashable {
    /// The id of the action whose outputs this type describes, such as `create-project`.
    static var actionID: String { get }
}

extension ActionOutput {
    /// The JSON object the engine stores for this output.
    /// - Throws: `EncodingError` when the type does not encode to a JSON object.
    public func encodedOutputs() throws -> [String: JSONValue] {
        guard case .object(let outputs) = try JSONValue(encoding: self) else {
            throw EncodingError.invalidValue(self, EncodingError.Context(
                codingPath: [], debugDescription: "The outputs of \(Self.actionID) must encode to a JSON object."
            ))
        }
        return outputs
    }
}
