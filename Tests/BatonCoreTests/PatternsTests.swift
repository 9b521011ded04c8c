import BatonCore
import Testing

@Suite("Name and identifier patterns")
struct PatternsTests {
    @Test(arguments: ["acme", "a", "acme-corp", "A1-b2", String(repeating: "a", count: 39)])
    func acceptsGitHubLogins(_ login: String) {
        #expect(Patterns.isGitHubLogin(login))
    }

    @Test(arguments: ["", "-acme", "acme-", "ac--me", "ac_me", "acme corp", String(repeating: "a", count: 40), "ümlaut"])
    func rejectsBadGitHubLogins(_ login: String) {
        #expect(!Patterns.isGitHubLogin(login))
    }

    @Test(arguments: ["team_1", "team_abcDEF123"])
    func acceptsTeamIDs(_ id: String) {
        #expect(Patterns.isVercelTeamID(id))
    }

    @Test(arguments: ["team_", "team-1", "1", "team_a-b", "TEAM_1", "team_" + String(repeating: "a", count: 65)])
    func rejectsBadTeamIDs(_ id: String) {
        #expect(!Patterns.isVercelTeamID(id))
    }

    @Test(arguments: ["example.com", "Example.COM", "a.b.example.co.uk", "xn--bcher-kva.de", "a-b.io"])
    func acceptsDomains(_ domain: String) {
        #expect(Patterns.isDomainName(domain))
    }

    @Test(arguments: ["example", "example.", ".com", "-a.com", "a-.com", "a..com", "exa mple.com", "1.2.3.4", "a_b.com",
                      String(repeating: "a", count: 64) + ".com"])
    func rejectsBadDomains(_ domain: String) {
        #expect(!Patterns.isDomainName(domain))
    }

    @Test(arguments: ["localhost", "127.0.0.1:8080", "deploy.example.com", "Deploy.Example.COM:443", "my_host:1", "[::1]:8080",
                      "[2001:db8::1]", "a:65535"])
    func acceptsHostsAndPorts(_ host: String) {
        #expect(Patterns.isHostAndPort(host))
    }

    @Test(arguments: ["", "a b", "evil.example:99999@x", "user@host", "x?y#z", "a\\b", "a/b", "host:", "host:0", "host:65536",
                      "host:80:80", "host:+80", ":80", "[::1", "[::1]x", "[zz::1]", "[]", "bücher.de", String(repeating: "a", count: 254)])
    func rejectsBadHostsAndPorts(_ host: String) {
        #expect(!Patterns.isHostAndPort(host))
    }

    @Test(arguments: ["A", "_", "DATABASE_URL", "KEY_2"])
    func acceptsEnvKeys(_ key: String) {
        #expect(Patterns.isEnvKey(key))
    }

    @Test(arguments: ["", "database_url", "2KEY", "KEY-2", "KEY 2", "KÉY"])
    func rejectsBadEnvKeys(_ key: String) {
        #expect(!Patterns.isEnvKey(key))
    }

    @Test func repositoryReferencesNeedOwnerAndName() {
        #expect(Patterns.isRepositoryReference("baton-templates/app-a"))
        #expect(Patterns.isRepositoryReference("owner/my.repo_name"))
        #expect(!Patterns.isRepositoryReference("owner"))
        #expect(!Patterns.isRepositoryReference("owner/"))
        #expect(!Patterns.isRepositoryReference("a/b/c"))
        #expect(!Patterns.isRepositoryReference("owner/.."))
    }
}
