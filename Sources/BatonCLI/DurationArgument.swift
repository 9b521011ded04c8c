import ArgumentParser
import BatonCore

/// A duration on the command line: `8` or `8s` (seconds), `500ms`, `2m` or `2min`, `1h`, `7d`.
struct DurationArgument: ExpressibleByArgument, Sendable {
    let duration: Duration

    init(_ duration: Duration) {
        self.duration = duration
    }

    init?(argument: String) {
        let units: [(String, Double)] = [("ms", 0.001), ("min", 60), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)]
        var number = Substring(argument)
        var scale = 1.0
        for (suffix, factor) in units where argument.hasSuffix(suffix) {
            number = argument.dropLast(suffix.count)
            scale = factor
            break
        }
        // At most ten years: longer is a typo, and would overflow the arithmetic of instants.
        guard let value = Double(number), value >= 0, value.isFinite, value * scale <= 315_360_000 else { return nil }
        duration = .milliseconds(Int((value * scale * 1000).rounded()))
    }

    var defaultValueDescription: String {
        duration.components.attoseconds == 0 ? "\(duration.components.seconds)s" : "\(duration.seconds)s"
    }
}
