import Foundation
import Testing

@testable import ConsoleApp

/// Every local link and form target on every page leads somewhere: no page of the console links to a 404.
struct PageLinkTests {
    /// The local `href` and `action` targets of `html`, entities decoded, in order of appearance.
    static func localTargets(in html: String) -> [String] {
        var targets: [String] = []
        for attribute in ["href=\"", "action=\""] {
            var rest = html[...]
            while let start = rest.range(of: attribute) {
                let value = rest[start.upperBound...].prefix { $0 != "\"" }
                if value.hasPrefix("/") && !value.hasPrefix("//") {
                    targets.append(value.replacingOccurrences(of: "&amp;", with: "&"))
                }
                rest = rest[start.upperBound...]
            }
        }
        return targets
    }

    @Test func everyLinkOnEveryPageResolves() throws {
        let console = try TestConsole()
        defer { console.stop() }
        let (client, csrf) = try console.signedInClient()
        let imported = try console.run(
            "Email ID,First Name,Last Name,User Status\nann@example.com,Ann,Lee,New\nbad,A,B,New\n", client: client,
            csrf: csrf)
        let invited = try console.run(
            "bob@example.com, bad\n", named: "invite.txt", to: .bulkInvite, client: client, csrf: csrf)
        let pages = [
            "/enrollment/import", "/enrollment/invite", "/enrollment/users", "/enrollment/import/history",
            "/enrollment/invite/history", "/enrollment/imports/\(imported.id)",
            "/enrollment/imports/\(imported.id)/results", "/enrollment/invites/\(invited.id)",
            "/enrollment/invites/\(invited.id)/results",
        ]
        var checked: Set<String> = []
        for page in pages {
            let response = try client.get(page)
            #expect(response.status == 200, "\(page)")
            for target in Self.localTargets(in: response.text) where checked.insert(target).inserted {
                // Form targets take POST; a GET tells whether the route exists (405) or not (404).
                let answer = try client.get(target)
                #expect(answer.status != 404, "\(page) links to \(target), which is not found")
                #expect(answer.status < 500, "\(page) links to \(target): \(answer.status)")
            }
        }
        #expect(checked.contains { $0.contains("sample") })
    }
}
