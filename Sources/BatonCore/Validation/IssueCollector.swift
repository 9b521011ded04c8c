/// Collects field problems while a request is read, so every problem is reported at once.
struct IssueCollector {
    private(set) var issues: [FieldIssue] = []

    mutating func add(_ path: String, _ message: String) {
        issues.append(FieldIssue(path: path, message: message))
    }

    /// The object at `path`, or an issue when it is missing (when `required`) or not an object.
    mutating func object(_ value: JSONValue?, at path: String, required: Bool) -> [String: JSONValue]? {
        guard let value, value != .null else {
            if required { add(path, "is required") }
            return nil
        }
        guard let object = value.objectValue else {
            add(path, "must be an object, not \(value.typeName)")
            return nil
        }
        return object
    }

    /// The string at `path`, or an issue when it is missing (when `required`) or not a string.
    mutating func string(_ value: JSONValue?, at path: String, required: Bool) -> String? {
        guard let value, value != .null else {
            if required { add(path, "is required") }
            return nil
        }
        guard let string = value.stringValue else {
            add(path, "must be a string, not \(value.typeName)")
            return nil
        }
        return string
    }

    /// Adds an issue for every member of `object` whose name is not in `allowed`.
    mutating func rejectUnknownFields(of object: [String: JSONValue], allowed: Set<String>, at path: String) {
        for key in object.keys.sorted() where !allowed.contains(key) {
            add(join(path, key), "is not a known field")
        }
    }

    func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}
