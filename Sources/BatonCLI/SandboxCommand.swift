import ArgumentParser
import BatonSandbox
import Hummingbird
import Logging

/// `baton sandbox`: the GitHub and Vercel imitation on its own, so its state outlives Baton restarts.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the GitHub and Vercel sandbox alone.",
        discussion: """
            Serves the APIs at /sandbox/github and /sandbox/vercel, their OAuth sign-in pages at /sandbox/github.com and \
            /sandbox/vercel.com (consent pages with sandbox users octo-alice, octo-bob / alice, bob), GET /sandbox/state \
            and POST /sandbox/faults.
            """
    )

    @Option(help: "The address to bind.")
    var host = "127.0.0.1"

    @Option(help: "The port to bind.")
    var port = 8090

    @OptionGroup var knobOptions: SandboxKnobOptions<Spelling>

    @Option(help: "Append every provider exchange as a JSON line to this file.")
    var recordExchanges: String?

    /// The knobs as they are: `--latency-ms`, with help in full sentences.
    enum Spelling: SandboxKnobSpelling {
        static let flagPrefix = ""

        static func help(_ description: String) -> String { description }

        static let contentCreationLimitHelp =
            "GitHub's content-creation limit, in force from the start: forks and generates beyond PER_MINUTE in 60 s or PER_HOUR in an hour get the secondary-limit 403 (GitHub's: 80,500)."
    }

    func validate() throws {
        try knobOptions.validateKnobs()
    }

    func run() async throws {
        let logger = Logger(label: "baton.sandbox")
        let sandbox = ProviderSandbox(configuration: knobOptions.knobs.configuration, recordExchangesTo: recordExchanges)
        let router = Router()
        sandbox.register(on: router)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "Baton sandbox"),
            onServerRunning: { channel in
                logger.notice("sandbox listening", metadata: ["url": "http://\(host):\(channel.localAddress?.port ?? port)/sandbox"])
            },
            logger: logger
        )
        try await app.runService()
    }
}
