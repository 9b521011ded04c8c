/// Error bodies of the control endpoints: `{"error": {"code", "message", "field"?}}`.
enum ControlError {
    /// A 400 reply with a stable `code`, a sentence, and the field concerned.
    static func badRequest(_ code: String, _ message: String, field: String? = nil) -> (Int, JSONValue) {
        var error: [String: JSONValue] = ["code": .string(code), "message": .string(message)]
        error["field"] = field.map(JSONValue.string)
        return (400, ["error": .object(error)])
    }
}
