import BatonClient
import BatonCore
import Foundation

/// What a finished deployment leaves the user: each app's URL and the DNS records to create, as a table.
struct DeploymentSummary {
    /// The final snapshot.
    let snapshot: DeploymentSnapshot
    /// Colours.
    let style: TerminalStyle

    /// The lines, without line breaks.
    var lines: [String] {
        var lines: [String] = []
        let deployed = snapshot.apps.compactMap { app in app.deploymentURL.map { (app.name, $0) } }
        if !deployed.isEmpty {
            lines.append(style.bold("Deployments"))
            let width = deployed.map(\.0.count).max() ?? 0
            lines += deployed.map { "  \($0.0.padding(toLength: width, withPad: " ", startingAt: 0))  \($0.1)" }
        }
        let records = snapshot.dnsRecords.flatMap { dns in dns.records.map { [dns.domain, $0.type, $0.name, $0.value] } }
        if !records.isEmpty {
            lines.append(style.bold("DNS records to create"))
            lines += table([["DOMAIN", "TYPE", "NAME", "VALUE"]] + records).map { "  " + $0 }
        }
        return lines
    }

    private func table(_ rows: [[String]]) -> [String] {
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
    }
}
