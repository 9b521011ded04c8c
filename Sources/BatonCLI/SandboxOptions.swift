import ArgumentParser
import BatonSandbox

/// The sandbox's knobs, shared by `baton sandbox` (as `--latency-ms` …) and `baton serve --sandbox` (as `--sandbox-latency-ms` …).
struct SandboxKnobs {
    var latencyMs: Int
    var forkSeconds: Double
    var buildSeconds: Double
    var failureRate: Double
    var seed: UInt64
    var responseDelayMs = 0

    var configuration: SandboxConfiguration {
        SandboxConfiguration(
            latencyMs: latencyMs, forkSeconds: forkSeconds, buildSeconds: buildSeconds, failureRate: failureRate, seed: seed,
            responseDelayMs: responseDelayMs)
    }

    func validate(prefix: String) throws {
        guard latencyMs >= 0 else { throw ValidationError("--\(prefix)latency-ms must be 0 or more.") }
        guard responseDelayMs >= 0 else { throw ValidationError("--\(prefix)response-delay-ms must be 0 or more.") }
        guard latencyMs <= 600_000, responseDelayMs <= 600_000 else {
            throw ValidationError("--\(prefix)latency-ms and --\(prefix)response-delay-ms must be at most 600000 (10 minutes).")
        }
        guard (0...10_000_000).contains(forkSeconds), (0...10_000_000).contains(buildSeconds) else { throw ValidationError("--\(prefix)fork-seconds and --\(prefix)build-seconds must be from 0 to 10000000.") }
        guard (0...1).contains(failureRate) else { throw ValidationError("--\(prefix)failure-rate must be between 0 and 1.") }
    }
}
