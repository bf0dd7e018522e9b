import Foundation
import Testing

extension ConsoleBrowserTests {
    /// The console with JavaScript blocked: every step still works through links, forms and the status line's
    /// `<noscript>` refresh.
    @Suite struct NoScriptFlowTests {
        @Test func importWithoutJavaScript() throws {
            try ConsoleBrowser.run(isJavaScriptEnabled: false) { browser in
                try browser.signIn()
                var rows = "Email ID,First Name,Last Name,User Status\n"
                for n in 1...400 { rows += "user\(n)@example.com,User,Number\(n),New\n" }
                rows += "broken,Bad,Row,New\n"
                try browser.upload(
                    browser.file("many.csv", rows), input: "#import-file", buttonText: "Import File")
                try browser.waitForPath("/enrollment/import")
                // While the import runs the page holds <noscript><meta http-equiv=refresh>: parsed as a real element
                // only because scripting is off, it reloads the page until the outcome shows. Read in one script,
                // so both come from the same load of the page, and only once the upload's redirect has replaced
                // the page it was chosen on (whose status line says no file was imported yet).
                let first = try browser.driver.waitFor("the Import page") {
                    try browser.driver.executeScript(
                        """
                        var line = document.getElementById('status-line');
                        if (!line || line.classList.contains('status-none')) return null;
                        var meta = document.querySelector('noscript > meta[http-equiv=refresh]');
                        document.documentElement.dataset.firstLoad = 'yes';
                        return [line.textContent.trim(), meta ? meta.getAttribute('content') : ''];
                        """) as? [String]
                }
                let wasRunning = !first[0].contains("completed")
                if wasRunning { #expect(first[1] == "2", "a running import refreshes the page") }
                let status = try browser.waitForStatus(containing: "Import completed:", timeout: .seconds(45))
                #expect(status == "Import completed: 400 users imported, 1 ignored. View details here")
                if wasRunning {
                    let reloaded = try browser.driver.executeScript(
                        "return !document.documentElement.dataset.firstLoad;")
                    #expect(reloaded as? Bool == true, "the outcome came by reloading the page")
                }
                try browser.expectAccessible("Import page without JavaScript")

                try browser.link("here", in: "#status-line").click()
                try browser.waitForPath("/enrollment/imports/1")
                #expect(try browser.dialogTitle == "Report On File Import")
                #expect(try browser.tableRows(in: "dialog[open]").count == 50)
                try browser.link("Next ›", in: "dialog[open] nav.pager").click()
                try browser.waitForPath("/enrollment/imports/1?page=2")
                #expect(try browser.tableRows(in: "dialog[open]").first?[0] == "52")
                try browser.expectAccessible("report without JavaScript")

                try browser.driver.pressKey(.escape)  // no script: Escape does nothing, the link does it
                #expect(try browser.path == "/enrollment/imports/1?page=2")
                try browser.link("Close", in: "dialog[open]").click()
                try browser.waitForPath("/enrollment/import")
                #expect(try !browser.hasOpenDialog)

                try browser.open("/enrollment/imports/99")
                #expect(try browser.heading.hasPrefix("404"))
                try browser.expectAccessible("not-found page")
            }
        }
    }
}
