import Foundation
import Testing

extension ConsoleBrowserTests {
    /// The Bulk Invite page as an admin uses it in Chromium: upload, status line, report, history, results, the
    /// invited users, and signing out.
    @Suite struct InviteFlowTests {
        /// Newlines and commas between addresses, one repeated, one invalid.
        static let addresses = "ann@example.com\nbob@example.com, cy@example.com\nANN@example.com\nnot-an-address\n"

        @Test func inviteReportHistoryResultsThenSignOut() throws {
            try ConsoleBrowser.run { browser in
                try browser.signIn()
                try browser.link("Bulk Invite", in: "nav.sidenav").click()
                try browser.waitForPath("/enrollment/invite")
                #expect(try browser.heading == "Bulk Invite")
                #expect(try browser.driver.findElement(css: "#resend").property("checked") as? Bool == false)
                try browser.expectAccessible("Bulk Invite page")
                try browser.screenshot("invite-page")

                try browser.upload(
                    browser.file("people.txt", Self.addresses), input: "#invite-file", buttonText: "Send Invitations")
                let status = try browser.waitForStatus(containing: "Bulk invite completed:")
                #expect(status == "Bulk invite completed: 3 invited, 1 ignored, 1 duplicate. View details here")
                // Post/redirect/get: reloading the page after an upload sends nothing again.
                _ = try browser.driver.command("POST", "/refresh", [:])
                try browser.waitForStatus(containing: "Bulk invite completed:")

                try browser.link("here", in: "#status-line").click()
                try browser.waitForPath("/enrollment/invites/1")
                try Self.checkReport(browser)

                try browser.link("Invite History", in: "dialog[open]").click()
                try browser.waitForPath("/enrollment/invite/history")
                #expect(try browser.dialogTitle == "History of Bulk User Invite")
                let history = try browser.tableRows(in: "dialog[open]")
                try #require(history.count == 1)
                #expect(history[0][1] == "people.txt")
                #expect(Array(history[0][3...7]) == ["5", "3", "2", "0", "Completed"])
                try browser.expectAccessible("History of Bulk User Invite")
                try browser.screenshot("invite-history")

                try browser.link("Results", in: "dialog[open]").click()
                try browser.waitForPath("/enrollment/invites/1/results")
                #expect(try browser.dialogTitle == "Report on File Based Bulk User Invite")
                #expect(try browser.tableRows(in: "dialog[open]").count == 5)
                let csv = try browser.fetch(try #require(try browser.link("Download CSV").attribute("href")))
                #expect(csv.status == 200)
                #expect(csv.text.split(whereSeparator: \.isNewline).count == 6)
                try browser.expectAccessible("Bulk invite results")

                try browser.link("Close", in: "dialog[open]").click()
                try browser.waitForPath("/enrollment/invite")
                #expect(try !browser.hasOpenDialog)

                // Again with “Re-send” ticked: the people invited the first time are invited again.
                try browser.driver.findElement(css: "label[for=resend]").click()
                #expect(try browser.driver.findElement(css: "#resend").property("checked") as? Bool == true)
                try browser.upload(
                    browser.file("people.txt", Self.addresses), input: "#invite-file", buttonText: "Send Invitations")
                try browser.driver.waitUntil("the second invite's outcome") {
                    try browser.driver.findElement(css: "#status-line a")
                        .attribute("href") == "/enrollment/invites/2"
                }
                try browser.link("here", in: "#status-line").click()
                try browser.waitForPath("/enrollment/invites/2")
                let again = try browser.tableRows(in: "dialog[open]")
                #expect(again.filter { $0[3] == "Re-invited" }.count == 3, "\(again)")

                try browser.open("/enrollment/users")
                let users = try browser.tableRows(in: "main")
                #expect(Set(users.map { $0[0] }) == ["ann@example.com", "bob@example.com", "cy@example.com"])
                #expect(users.allSatisfy { $0[7] == "Invited" })

                try browser.button("Sign out", in: ".topbar").click()
                try browser.waitForPath("/signin")
                #expect(try browser.heading == "Sign in")
                try browser.open("/enrollment/import")
                #expect(try browser.path.hasPrefix("/signin?next="), "signed out, Import sends to sign in")
                #expect(try browser.driver.findElements(css: "#import-file").isEmpty)
                try browser.driver.back()
                try browser.driver.back()  // the Users page: not kept (no-store), so asked again and refused
                #expect(try browser.path.hasPrefix("/signin"), "Back shows no signed-in page after signing out")
                #expect(try browser.driver.findElements(css: "main table").isEmpty)
            }
        }

        private static func checkReport(_ browser: ConsoleBrowser) throws {
            #expect(try browser.dialogTitle == "Report on File Based Bulk User Invite")
            let rows = try browser.tableRows(in: "dialog[open]")
            #expect(rows.count == 5)
            let outcomes = Dictionary(rows.map { ($0[1], $0[3]) }, uniquingKeysWith: { $0 + "," + $1 })
            #expect(outcomes["bob@example.com"] == "Invited")
            #expect(outcomes["cy@example.com"] == "Invited")
            #expect(outcomes["not-an-address"] == "Ignored")
            #expect(rows.filter { $0[3] == "Duplicate" }.count == 1)
            try browser.expectAccessible("Report on File Based Bulk User Invite")
            try browser.expectUnbrokenCells("Report on File Based Bulk User Invite")
            try browser.screenshot("invite-report")

            try browser.link(startingWith: "Duplicate", in: "nav.filters").click()
            try browser.waitForPath("/enrollment/invites/1?outcome=duplicate")
            #expect(try browser.tableRows(in: "dialog[open]").map { $0[3] } == ["Duplicate"])
            try browser.link(startingWith: "All", in: "nav.filters").click()
            try browser.waitForPath("/enrollment/invites/1")
        }
    }
}
