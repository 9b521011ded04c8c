import ArgumentParser
import BatonStores

/// `baton keygen`: prints a new secret key for `BATON_SECRET_KEY`.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Print a new key for BATON_SECRET_KEY (32 random bytes, base64-encoded)."
    )

    func run() {
        print(SecretKeySource.generateKey())
    }
}
