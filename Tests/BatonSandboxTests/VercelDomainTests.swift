import BatonSandbox
import HTTPTypes
import Testing

@Suite("Vercel domains")
struct VercelDomainTests {
    @Test("An unclaimed domain is added verified; again on the project is 400; on another project 409")
    func addDomain() async throws {
        try await SandboxHarness().run { client in
            let shop = try await client.linkedProject("shop")
            let blog = try await client.linkedProject("blog")
            let added = try await client.vercel(
                .post, "/v10/projects/\(shop.projectID)/domains", body: #"{"name":"www.shop-example.com"}"#)
            #expect(added.status == 200)
            #expect(added.json?["name"]?.string == "www.shop-example.com")
            #expect(added.json?["apexName"]?.string == "shop-example.com")
            #expect(added.json?["projectId"]?.string == shop.projectID)
            #expect(added.json?["verified"]?.bool == true)

            let again = try await client.vercel(
                .post, "/v10/projects/\(shop.projectID)/domains", body: #"{"name":"www.shop-example.com"}"#)
            #expect(again.status == 400)
            #expect(again.vercelErrorCode == "domain_already_exists")
            let elsewhere = try await client.vercel(
                .post, "/v10/projects/\(blog.projectID)/domains", body: #"{"name":"www.shop-example.com"}"#)
            #expect(elsewhere.status == 409)
            #expect(elsewhere.vercelErrorCode == "domain_already_in_use")
            let invalid = try await client.vercel(
                .post, "/v10/projects/\(blog.projectID)/domains", body: #"{"name":"not a domain"}"#)
            #expect(invalid.status == 400)
            #expect(invalid.vercelErrorCode == "invalid_domain")

            let read = try await client.vercel(.get, "/v9/projects/shop/domains/www.shop-example.com")
            #expect(read.status == 200)
            #expect(read.json?["verified"]?.bool == true)
            #expect(try await client.vercel(.get, "/v9/projects/blog/domains/www.shop-example.com").status == 404)
        }
    }

    @Test("The DNS check is misconfigured until /sandbox/dns marks the records as set")
    func configThenDNS() async throws {
        try await SandboxHarness().run { client in
            let shop = try await client.linkedProject("shop")
            _ = try await client.vercel(
                .post, "/v10/projects/\(shop.projectID)/domains", body: #"{"name":"app.example.com"}"#)
            let before = try await client.vercel(
                .get, "/v6/domains/app.example.com/config?projectIdOrName=\(shop.projectID)")
            #expect(before.status == 200)
            #expect(before.json?["misconfigured"]?.bool == true)
            #expect(before.json?["configuredBy"]?.isNull == true)
            #expect(before.json?["recommendedIPv4"]?[0]?["rank"]?.int == 1)
            #expect(before.json?["recommendedIPv4"]?[0]?["value"]?[0]?.string == "76.76.21.21")
            #expect(before.json?["recommendedCNAME"]?[0]?["value"]?.string == "cname.vercel-dns-0.com")

            let dns = try await client.control(.post, "/sandbox/dns", body: #"{"name":"app.example.com"}"#)
            #expect(dns.status == 200)
            let after = try await client.vercel(
                .get, "/v6/domains/app.example.com/config?projectIdOrName=\(shop.projectID)")
            #expect(after.json?["misconfigured"]?.bool == false)
            #expect(after.json?["configuredBy"]?.string == "CNAME")
            #expect(try await client.control(.post, "/sandbox/dns", body: #"{"name":"no way"}"#).status == 400)
        }
    }

    @Test("A subdomain of an apex held by another team needs the TXT challenge: verify fails until DNS is set")
    func verificationChallenge() async throws {
        try await SandboxHarness().run { client in
            let fork = try await client.readyFork(into: "acme", name: "site")
            let other = try await client.createProject("site", repository: fork.fullName, query: "?teamId=team_other")
            let otherID = try #require(other.json?["id"]?.string)
            _ = try await client.vercel(
                .post, "/v10/projects/\(otherID)/domains?teamId=team_other", body: #"{"name":"example.org"}"#)

            let mine = try await client.createProject("site", repository: fork.fullName)
            let mineID = try #require(mine.json?["id"]?.string)
            let added = try await client.vercel(
                .post, "/v10/projects/\(mineID)/domains", body: #"{"name":"shop.example.org"}"#)
            #expect(added.status == 200)
            #expect(added.json?["verified"]?.bool == false)
            let challenge = try #require(added.json?["verification"]?[0])
            #expect(challenge["type"]?.string == "TXT")
            #expect(challenge["domain"]?.string == "_vercel.example.org")
            #expect(challenge["reason"]?.string == "pending_domain_verification")
            let value = try #require(challenge["value"]?.string)
            #expect(value.hasPrefix("vc-domain-verify=shop.example.org,"))
            #expect(value.split(separator: ",").last?.count == 20)

            let early = try await client.vercel(.post, "/v9/projects/\(mineID)/domains/shop.example.org/verify")
            #expect(early.status == 400)
            #expect(early.vercelErrorCode == "missing_txt_record")
            _ = try await client.control(.post, "/sandbox/dns", body: #"{"name":"shop.example.org"}"#)
            let verified = try await client.vercel(.post, "/v9/projects/\(mineID)/domains/shop.example.org/verify")
            #expect(verified.status == 200)
            #expect(verified.json?["verified"]?.bool == true)
        }
    }
}
