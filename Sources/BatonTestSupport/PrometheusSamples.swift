/// A `GET /metrics` answer in Prometheus's text format, read into its samples (`# HELP` and `# TYPE` lines skipped),
/// so tests can check exact counts.
public struct PrometheusSamples: Sendable {
    /// One line: a metric name, its labels and its value.
    public struct Sample: Sendable, Hashable {
        public var name: String
        public var labels: [String: String]
        public var value: Double
    }

    /// Every sample, in the order they were read.
    public let samples: [Sample]

    /// Reads `text`.
    /// - Throws: ``PrometheusTextError`` naming the first line that is not a sample.
    public init(_ text: String) throws {
        var samples: [Sample] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.allSatisfy(\.isWhitespace) {
            guard let sample = Self.sample(Substring(line)) else { throw PrometheusTextError(line: String(line)) }
            samples.append(sample)
        }
        self.samples = samples
    }

    /// The value of the sample named `name` whose labels are exactly `labels`, or `nil` when there is none.
    public func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    /// The sum of the samples named `name` whose labels include every one of `labels` (0 when there is none).
    public func sum(_ name: String, where labels: [String: String] = [:]) -> Double {
        samples.filter { sample in
            sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }.reduce(0) { $0 + $1.value }
    }

    /// The label sets of the samples named `name`.
    public func labelSets(_ name: String) -> [[String: String]] {
        samples.filter { $0.name == name }.map(\.labels)
    }

    /// `name{a="1",b="2"} value`, or `name value`.
    private static func sample(_ line: Substring) -> Sample? {
        var rest = line[...]
        let name = rest.prefix { $0 != "{" && $0 != " " }
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let key = rest.prefix { $0 != "=" }
                rest = rest.dropFirst(key.count)
                guard rest.hasPrefix("=\"") else { return nil }
                rest = rest.dropFirst(2)
                var value = ""
                while let character = rest.first, character != "\"" {
                    rest = rest.dropFirst()
                    if character == "\\", let escaped = rest.first {
                        rest = rest.dropFirst()
                        value.append(escaped == "n" ? "\n" : escaped)
                    } else {
                        value.append(character)
                    }
                }
                guard rest.first == "\"" else { return nil }
                rest = rest.dropFirst()
                labels[String(key)] = value
                if rest.first == "," { rest = rest.dropFirst() }
                guard !rest.isEmpty else { return nil }
            }
            rest = rest.dropFirst()
        }
        guard !name.isEmpty, rest.first == " ", let value = Double(rest.dropFirst().split(separator: " ").first ?? "") else {
            return nil
        }
        return Sample(name: String(name), labels: labels, value: value)
    }
}

/// A line of a `/metrics` answer that is neither a comment nor a sample.
public struct PrometheusTextError: Error, CustomStringConvertible {
    /// The line.
    public let line: String

    public var description: String { "not a Prometheus sample: \(line)" }
}
