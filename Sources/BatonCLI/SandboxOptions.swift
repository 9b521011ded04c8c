import ArgumentParser
import BatonSandbox
import Foundation

/// The sandbox's knobs, shared by `baton sandbox` (as `--latency-ms` …) and `baton serve --sandbox` (as `--sandbox-latency-ms` …).
struct SandboxKnobs {
    var latencyMs: Int
    var forkSeconds: Double
    var buildSeconds: Double
    var failureRate: Double
    var seed: UInt64
    var responseDelayMs = 0
    /// `PER_MINUTE,PER_HOUR`, such as `80,500`, or `nil`.
    var contentCreationLimit: String?

    var configuration: SandboxConfiguration {
        SandboxConfiguration(
            latencyMs: latencyMs, forkSeconds: forkSeconds, buildSeconds: buildSeconds, failureRate: failureRate, seed: seed,
            responseDelayMs: responseDelayMs, contentCreationLimit: contentCreationLimit.flatMap(Self.limit))
    }

    /// Reads `PER_MINUTE,PER_HOUR` (both positive).
    static func limit(_ text: String) -> (perMinute: Int, perHour: Int)? {
        let parts = text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, parts.allSatisfy({ $0 > 0 }) else { return nil }
        return (parts[0], parts[1])
    }

    func validate(prefix: String) throws {
        guard latencyMs >= 0 else { throw ValidationError("--\(prefix)latency-ms must be 0 or more.") }
        guard responseDelayMs >= 0 else { throw ValidationError("--\(prefix)response-delay-ms must be 0 or more.") }
        guard latencyMs <= 600_000, responseDelayMs <= 600_000 else {
            throw ValidationError("--\(prefix)latency-ms and --\(prefix)response-delay-ms must be at most 600000 (10 minutes).")
        }
        guard (0...10_000_000).contains(forkSeconds), (0...10_000_000).contains(buildSeconds) else { throw ValidationError("--\(prefix)fork-seconds and --\(prefix)build-seconds must be from 0 to 10000000.") }
        guard (0...1).contains(failureRate) else { throw ValidationError("--\(prefix)failure-rate must be between 0 and 1.") }
        if let contentCreationLimit, Self.limit(contentCreationLimit) == nil {
            throw ValidationError("--\(prefix)content-creation-limit takes PER_MINUTE,PER_HOUR, two positive numbers such as 80,500 (GitHub's).")
        }
    }
}

/// How a command spells the sandbox knobs: the prefix of every flag name and the words of every help text.
protocol SandboxKnobSpelling {
    /// Comes before every knob's flag name (`sandbox-` makes `--sandbox-latency-ms`).
    static var flagPrefix: String { get }
    /// A knob's help, from its description in `baton sandbox`'s words.
    static func help(_ description: String) -> String
    /// The help of `--content-creation-limit`, which each command words in full.
    static var contentCreationLimitHelp: String { get }
}

/// The sandbox's knobs as command-line options, spelled by `Spelling`; `knobs` reads them.
struct SandboxKnobOptions<Spelling: SandboxKnobSpelling>: ParsableArguments {
    @Option(name: .customLong(Spelling.flagPrefix + "latency-ms"), help: ArgumentHelp(Spelling.help("Milliseconds added to every provider response.")))
    var latencyMs = 0

    @Option(
        name: .customLong(Spelling.flagPrefix + "response-delay-ms"),
        help: ArgumentHelp(Spelling.help("Milliseconds a provider answer is held back after its effect was applied.")))
    var responseDelayMs = 0

    @Option(name: .customLong(Spelling.flagPrefix + "fork-seconds"), help: ArgumentHelp(Spelling.help("Seconds a new repository stays empty.")))
    var forkSeconds = 2.0

    @Option(name: .customLong(Spelling.flagPrefix + "build-seconds"), help: ArgumentHelp(Spelling.help("Seconds a deployment takes from QUEUED to READY.")))
    var buildSeconds = 3.0

    @Option(
        name: .customLong(Spelling.flagPrefix + "failure-rate"),
        help: ArgumentHelp(Spelling.help("Share of provider requests answered with a 5xx or a 429 (0 to 1).")))
    var failureRate = 0.0

    @Option(name: .customLong(Spelling.flagPrefix + "seed"), help: ArgumentHelp(Spelling.help("Seed of the failure sequence.")))
    var seed: UInt64 = 1

    @Option(
        name: .customLong(Spelling.flagPrefix + "content-creation-limit"),
        help: ArgumentHelp(Spelling.contentCreationLimitHelp, valueName: "per-minute,per-hour"))
    var contentCreationLimit: String?

    var knobs: SandboxKnobs {
        SandboxKnobs(
            latencyMs: latencyMs, forkSeconds: forkSeconds, buildSeconds: buildSeconds, failureRate: failureRate, seed: seed,
            responseDelayMs: responseDelayMs, contentCreationLimit: contentCreationLimit)
    }

    /// Checks the knobs, naming each by its flag. Not `validate()`: `baton serve` checks them only with `--sandbox`.
    func validateKnobs() throws {
        try knobs.validate(prefix: Spelling.flagPrefix)
    }
}
