import Foundation

/// Turns `--env app:KEY=VALUE` and `--env-file app=PATH` into the `envVars` of `init`. Values are never printed.
enum EnvArguments {
    /// The env values per app; later arguments override earlier ones, `--env` overrides `--env-file`.
    static func collect(env: [String], envFiles: [String]) throws(CLIFailure) -> [String: [String: String]] {
        var values: [String: [String: String]] = [:]
        for argument in envFiles {
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                throw .usage("--env-file \(argument): expected app=PATH")
            }
            let app = String(argument[..<equals])
            let path = String(argument[argument.index(after: equals)...])
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw .usage("--env-file \(app)=\(path): cannot read \(path)")
            }
            for (key, value) in try DotenvFile.parse(text, path: path) { values[app, default: [:]][key] = value }
        }
        for argument in env {
            guard let colon = argument.firstIndex(of: ":"), colon != argument.startIndex,
                  let equals = argument[colon...].firstIndex(of: "="), argument.index(after: colon) < equals
            else {
                throw .usage("--env \(redacted(argument)): expected app:KEY=VALUE")
            }
            let app = String(argument[..<colon])
            let key = String(argument[argument.index(after: colon)..<equals])
            values[app, default: [:]][key] = String(argument[argument.index(after: equals)...])
        }
        return values
    }

    /// The argument with anything after `=` hidden, for messages.
    private static func redacted(_ argument: String) -> String {
        guard let equals = argument.firstIndex(of: "=") else { return argument }
        return argument[..<equals] + "=…"
    }
}
