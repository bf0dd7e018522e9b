import Foundation
import Testing

extension ConsoleBrowserTests {
    /// The Import page as an admin uses it in Chromium: upload, status line, report, filters, history, results, CSV,
    /// users, a refused file, and the dialogs from the keyboard.
    @Suite struct ImportFlowTests {
        static let scriptName = "<script>alert(1)</script>"
        static let roster = """
            Email ID,First Name,Last Name,User Status
            ada@example.com,Ada,Lovelace,New
            grace@example.com,Grace,Hopper,New
            not-an-email,Bad,Address,New
            eve@example.com,\(scriptName),Mallory,New

            """

        @Test func importReportHistoryResultsAndUsers() throws {
            try ConsoleBrowser.run { browser in
                try browser.signIn()
                #expect(try browser.heading == "Import")
                #expect(try browser.driver.findElement(css: "#status-line").text == "No file imported yet.")
                try browser.expectAccessible("Import page")
                try browser.screenshot("import-page")

                try browser.upload(
                    browser.file("roster.csv", Self.roster), input: "#import-file", buttonText: "Import File")
                // The status line is a live region: the script must change it in place, for a replaced region is
                // not announced.
                let wasRunning =
                    try browser.driver.executeScript(
                        """
                        window.statusLineAtLoad = document.getElementById('status-line');
                        return window.statusLineAtLoad.hasAttribute('data-status-url');
                        """) as? Bool
                let status = try browser.waitForStatus(containing: "Import completed:")
                #expect(status == "Import completed: 3 users imported, 1 ignored. View details here")
                if wasRunning == true {
                    let isSameRegion = try browser.driver.executeScript(
                        "return document.getElementById('status-line') === window.statusLineAtLoad;")
                    #expect(isSameRegion as? Bool == true, "the status line's live region was replaced, not updated")
                }

                try browser.link("here", in: "#status-line").click()
                try browser.waitForPath("/enrollment/imports/1")
                try Self.checkReport(browser)

                try browser.link(startingWith: "Ignored", in: "nav.filters").click()
                try browser.waitForPath("/enrollment/imports/1?outcome=ignored")
                #expect(
                    try browser.link(startingWith: "Ignored", in: "nav.filters").attribute("aria-current") == "true")
                let ignored = try browser.tableRows(in: "dialog[open]")
                #expect(ignored.map { $0[1] } == ["not-an-email"])
                #expect(ignored.first?[3] == "Ignored")
                try browser.expectAccessible("report filtered by outcome")

                try browser.link("Import History", in: "dialog[open]").click()
                try browser.waitForPath("/enrollment/import/history")
                try Self.checkHistory(browser)

                try browser.link("Results", in: "dialog[open]").click()
                try browser.waitForPath("/enrollment/imports/1/results")
                #expect(try browser.dialogTitle == "File Based Import Results")
                #expect(try browser.tableRows(in: "dialog[open]").count == 4)
                try browser.expectAccessible("File Based Import Results")
                try browser.screenshot("import-results")
                try Self.checkCSV(browser)

                try browser.link("‹ Back to File Based Import History", in: "dialog[open]").click()
                try browser.waitForPath("/enrollment/import/history")
                try browser.link("Close", in: "dialog[open]").click()
                try browser.waitForPath("/enrollment/import")
                #expect(try !browser.hasOpenDialog)

                try Self.checkUsers(browser)

                // A phone: pages reflow instead of scrolling sideways.
                try browser.resizeWindow(width: 360, height: 740)
                for page in ["/enrollment/users", "/enrollment/import", "/enrollment/imports/1", "/enrollment/invite"] {
                    try browser.open(page)
                    try browser.expectNoSidewaysScroll(page)
                }
            }
        }

        private static func checkReport(_ browser: ConsoleBrowser) throws {
            #expect(try browser.dialogTitle == "Report On File Import")
            #expect(try browser.driver.title == "Import · Report On File Import · Enrollment Console")
            #expect(try browser.heading == "Import", "the page stays under its dialog")
            let rows = try browser.tableRows(in: "dialog[open]")
            #expect(rows.map { $0[1] } == ["ada@example.com", "grace@example.com", "not-an-email", "eve@example.com"])
            #expect(rows.map { $0[3] } == ["Created", "Created", "Ignored", "Created"])
            #expect(rows.map { $0[4] }.contains("Ignored: invalid email format"))
            let filters = try browser.driver.findElement(css: "nav.filters").text
            #expect(filters.contains("All (4)") && filters.contains("Created (3)") && filters.contains("Ignored (1)"))
            try browser.expectAccessible("Report On File Import")
            try browser.expectUnbrokenCells("Report On File Import")
            try browser.screenshot("import-report")
        }

        private static func checkHistory(_ browser: ConsoleBrowser) throws {
            #expect(try browser.dialogTitle == "File Based Import History")
            let rows = try browser.tableRows(in: "dialog[open]")
            try #require(rows.count == 1)
            #expect(rows[0][1] == "roster.csv")
            #expect(rows[0][2] == TestConsole.adminEmail)
            #expect(Array(rows[0][3...6]) == ["4", "3", "1", "Completed"])
            try browser.expectAccessible("File Based Import History")
            try browser.screenshot("import-history")
        }

        /// The Download CSV link, fetched with the browser's session, holds one row per file row.
        private static func checkCSV(_ browser: ConsoleBrowser) throws {
            let href = try #require(try browser.link("Download CSV", in: "dialog[open]").attribute("href"))
            #expect(href == "/enrollment/imports/1/results.csv")
            let csv = try browser.fetch(href)
            #expect(csv.status == 200)
            #expect(csv.contentType.hasPrefix("text/csv"))
            let lines = csv.text.split(whereSeparator: \.isNewline).map(String.init)
            #expect(lines.first == "Row,Email ID,Requested,Outcome,Reason")
            #expect(lines.count == 5)
            #expect(lines.contains { $0.contains("not-an-email") && $0.contains("Ignored: invalid email format") })
            #expect(lines.contains { $0.hasSuffix(",eve@example.com,New,Created,") })
        }

        /// The new users are listed, the script name shows as text and runs nowhere, and search narrows the list.
        private static func checkUsers(_ browser: ConsoleBrowser) throws {
            try browser.link("Users", in: "nav.sidenav").click()
            try browser.waitForPath("/enrollment/users")
            let emails = try browser.tableRows(in: "main").map { $0[0] }
            #expect(Set(emails) == ["ada@example.com", "grace@example.com", "eve@example.com"])
            let eve = try #require(try browser.tableRows(in: "main").first { $0[0] == "eve@example.com" })
            #expect(eve[1] == scriptName, "the name is shown as text")
            #expect(try !browser.hasAlert)
            try browser.expectAccessible("Users")
            try browser.expectUnbrokenCells("Users")
            try browser.screenshot("users")

            let search = try browser.driver.findElement(css: "#user-search")
            try search.sendKeys("lovelace")
            try browser.button("Search", in: "main").click()
            try browser.waitForPath("/enrollment/users?q=lovelace")
            #expect(try browser.tableRows(in: "main").map { $0[0] } == ["ada@example.com"])
            #expect(try browser.driver.findElement(css: "#user-search").property("value") as? String == "lovelace")
            try browser.expectAccessible("Users searched")
            try browser.link("Clear", in: "main").click()
            try browser.waitForPath("/enrollment/users")
            #expect(try browser.tableRows(in: "main").count == 3)
        }

        @Test func refusedFileAndDialogsFromTheKeyboard() throws {
            try ConsoleBrowser.run { browser in
                try browser.signIn()
                let noStatus = "Email ID,First Name,Last Name\nada@example.com,Ada,Lovelace\n"
                try browser.upload(
                    browser.file("no-status.csv", noStatus), input: "#import-file", buttonText: "Import File")
                let status = try browser.waitForStatus(containing: "refused")
                #expect(status.contains("User Status"), "the reason names the missing column: \(status)")
                try browser.expectAccessible("Import page with a refused file")
                try browser.screenshot("refused-file")

                try browser.link("here", in: "#status-line").click()
                try browser.waitForPath("/enrollment/imports/1")
                let alert = try browser.driver.findElement(css: "dialog[open] .flash[role=alert]").text
                #expect(alert.contains("User Status"))
                #expect(try browser.tableRows(in: "dialog[open]").isEmpty)
                try browser.expectAccessible("report of a refused file")
                try checkKeyboard(browser)
            }
        }

        /// The report opens with focus on its close link, Tab reaches every link and button of the dialog and the
        /// upload form and shows where focus is, and Escape closes it.
        private func checkKeyboard(_ browser: ConsoleBrowser) throws {
            let driver = browser.driver
            #expect(try driver.activeElement.attribute("class") == "dialog-close", "the close link has focus")
            let targets =
                try driver.executeScript(
                    """
                    window.__reached = [];
                    window.__unmarked = [];
                    document.addEventListener('focusin', function (event) {
                      window.__reached.push(event.target);
                      var style = getComputedStyle(event.target);
                      if (style.outlineStyle === 'none' && style.boxShadow === 'none')
                        window.__unmarked.push(event.target.outerHTML.slice(0, 80));
                    });
                    var all = document.querySelectorAll(
                      'dialog[open] a[href], dialog[open] button, .upload-form input:not([type=hidden]), .upload-form button');
                    Array.prototype.forEach.call(all, function (element, index) { element.dataset.target = index; });
                    return all.length;
                    """) as? Int ?? 0
            #expect(targets >= 4)
            let stops = try driver.executeScript("return document.querySelectorAll('a[href], button, input').length;")
            try driver.typeKeys(String(repeating: WebDriverKey.tab.rawValue, count: (stops as? Int ?? 30) * 2 + 4))
            let missed =
                try driver.executeScript(
                    """
                    var reached = window.__reached;
                    return Array.prototype.filter.call(document.querySelectorAll('[data-target]'), function (element) {
                      return reached.indexOf(element) < 0;
                    }).map(function (element) { return element.outerHTML.slice(0, 80); });
                    """) as? [String]
            #expect(missed == [], "Tab never reached these")
            let unmarked = try driver.executeScript("return window.__unmarked;") as? [String]
            #expect(unmarked == [], "focus is not visible on these")

            try driver.pressKey(.escape)
            try browser.waitForPath("/enrollment/import")
            #expect(try !browser.hasOpenDialog)

            try driver.pressKey(.tab)  // the first stop of a page is its skip link, shown when focused
            let skip = try driver.activeElement
            #expect(try skip.text == "Skip to content")
            #expect(try skip.isDisplayed)
            try driver.pressKey(.enter)
            try browser.waitForPath("/enrollment/import#main")

            try browser.open("/enrollment/import/history")
            #expect(try driver.activeElement.attribute("aria-label") == "Close")
            #expect(try browser.tableRows(in: "dialog[open]").first?[6] == "Rejected")
            try browser.expectAccessible("history with a refused file")
            try driver.pressKey(.escape)
            try browser.waitForPath("/enrollment/import")
        }
    }
}
