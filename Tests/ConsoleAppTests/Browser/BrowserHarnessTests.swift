import Foundation
import Glibc
import Testing

/// Real headless Chromium against ``FixtureSite`` on ``TinyLoopbackServer``: proves ``BrowserHarness`` and
/// ``WebDriverClient`` end to end. Serialized: one browser at a time on a shared machine.
@Suite(.serialized, .enabled(if: BrowserHarness.shouldRun), .timeLimit(.minutes(1)))
struct BrowserHarnessTests {
    private func withSite(
        isJavaScriptEnabled: Bool = true, timeLimit: Duration = BrowserHarness.defaultTimeLimit,
        _ body: (BrowserHarness, WebDriverClient, String) throws -> Void
    ) throws {
        let server = try TinyLoopbackServer(handler: FixtureSite.handle)
        defer { server.stop() }
        try BrowserHarness.withBrowser(isJavaScriptEnabled: isJavaScriptEnabled, timeLimit: timeLimit) { harness in
            try body(harness, harness.driver, "http://127.0.0.1:\(server.port)")
        }
    }

    @Test func navigatesReadsThePageAndFollowsALink() throws {
        try withSite { _, driver, site in
            try driver.navigate(to: "\(site)/")
            #expect(try driver.title == FixtureSite.homeTitle)
            #expect(try driver.currentURL == "\(site)/")
            let dialog = try driver.findElement(css: "dialog#notice")
            #expect(try dialog.isDisplayed)
            #expect(try dialog.attribute("open") != nil)
            #expect(try dialog.findElement(css: "p").text == "Dialog body")
            #expect(try driver.findElements(css: "form").count == 2)
            #expect(try driver.findElement(css: "#script-state").text == "scripted")
            #expect(try driver.findElements(css: "#noscript").isEmpty)  // scripting on: noscript stays raw text
            #expect(try driver.executeScript("return arguments[0] + arguments[1];", [40, 2]) as? Int == 42)
            let link = try driver.findElement(css: "#about-link")
            #expect(try driver.executeScript("return arguments[0].id;", [link]) as? String == "about-link")

            try link.click()
            try driver.waitUntil("the About page") { try driver.title == "About" }
            #expect(try driver.currentURL == "\(site)/about")
            #expect(try driver.pageSource.contains("About this fixture"))
        }
    }

    @Test func fillsAndSubmitsAFormThroughPostRedirectGet() throws {
        try withSite { _, driver, site in
            try driver.navigate(to: "\(site)/")
            let name = try driver.findElement(css: "#name")
            try name.sendKeys("Ada & Grace")
            #expect(try name.property("value") as? String == "Ada & Grace")
            try driver.findElement(css: "#greet-submit").click()
            let greeting = try driver.waitFor("the greeting") { try driver.findElement(css: "#greeting").text }
            #expect(greeting == "Hello, Ada & Grace!")
            #expect(try driver.currentURL == "\(site)/hello?name=Ada+%26+Grace")
        }
    }

    @Test func uploadsAFileThroughTheFileInput() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("browser-upload-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("roster.csv")
        let contents = "Email ID,First Name,Last Name,User Status\r\nada@example.com,Ada,Lovelace,New\r\n"
        try Data(contents.utf8).write(to: file)

        try withSite { _, driver, site in
            try driver.navigate(to: "\(site)/")
            let input = try driver.findElement(css: "#file")
            try input.sendKeys(file.path)
            #expect((try input.property("value") as? String)?.hasSuffix("roster.csv") == true)
            try driver.findElement(css: "#upload-submit").click()
            let receipt = try driver.waitFor("the upload receipt") { try driver.findElement(css: "#uploaded").text }
            #expect(receipt == "Received roster.csv (\(contents.utf8.count) bytes)")
        }
    }

    @Test func keysMoveFocusAndReachThePage() throws {
        try withSite { _, driver, site in
            try driver.navigate(to: "\(site)/")
            try driver.findElement(css: "#name").click()
            #expect(try driver.activeElement.attribute("id") == "name")
            try driver.typeKeys("Bo")
            try driver.pressKey(.tab)
            #expect(try driver.activeElement.attribute("id") == "email")
            try driver.pressKey(.escape)
            try driver.waitUntil("Escape to reach the page") {
                try driver.findElement(css: "#last-key").text == "Escape"
            }
            try driver.pressKey(.enter)  // implicit submission of the focused form
            let greeting = try driver.waitFor("the greeting") { try driver.findElement(css: "#greeting").text }
            #expect(greeting == "Hello, Bo!")
        }
    }

    @Test func takesAScreenshotAndSavesIt() throws {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        try withSite { harness, driver, site in
            try driver.navigate(to: "\(site)/")
            let png = try driver.screenshot()
            #expect(Array(png.prefix(8)) == signature)
            #expect(png.count > 1_000)
            let file = try harness.saveScreenshot(name: "fixture home")
            #expect(file.lastPathComponent == "fixture-home.png")
            let saved = try #require(FileManager.default.contents(atPath: file.path))
            #expect(Array(saved.prefix(8)) == signature)
        }
    }

    @Test func withoutJavaScriptTheNoscriptTextShows() throws {
        try withSite(isJavaScriptEnabled: false) { _, driver, site in
            try driver.navigate(to: "\(site)/")
            let notice = try driver.findElement(css: "#noscript")
            #expect(try notice.isDisplayed)
            #expect(try notice.text == "JavaScript is disabled")
            #expect(try driver.findElement(css: "#script-state").text == "static")
        }
    }

    private struct DeliberateFailure: Error {}

    @Test func aStuckDriverIsKilledAtTheTimeLimit() throws {
        let clock = ContinuousClock()
        var started = clock.now
        do {
            try withSite(timeLimit: .seconds(2)) { harness, driver, site in
                try driver.navigate(to: "\(site)/")
                started = clock.now
                kill(harness.chromedriver.processID, SIGSTOP)  // chromedriver hangs: it accepts but never answers
                _ = try driver.title
                Issue.record("a stopped chromedriver answered")
            }
            Issue.record("withBrowser returned although its session was stuck")
        } catch let error as BrowserHarnessError {
            guard case .sessionTimedOut(.seconds(2)) = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
        #expect(clock.now - started < .seconds(10), "the stuck command was not cut off by the watchdog")
    }

    @Test func errorsAreClearAndAFailingTestLeavesNothingBehind() throws {
        var processID: pid_t = 0
        var directory = URL(fileURLWithPath: "/")
        let screenshot = BrowserHarness.screenshotsDirectory
            .appendingPathComponent("failed-errorsAreClearAndAFailingTestLeavesNothingBehind.png")
        try? FileManager.default.removeItem(at: screenshot)
        #expect(throws: DeliberateFailure.self) {
            try withSite { harness, driver, site in
                processID = harness.chromedriver.processID
                directory = harness.temporaryDirectory
                #expect(Self.groupMembers(processID) > 1, "the browser runs in chromedriver's process group")
                try driver.navigate(to: "\(site)/")
                do {
                    _ = try driver.findElement(css: "#missing")
                    Issue.record("found an element that does not exist")
                } catch let error as WebDriverError {
                    #expect(error.code == "no such element")
                }
                let started = ContinuousClock.now
                do {
                    try driver.waitUntil("a miracle", timeout: .milliseconds(300)) { false }
                    Issue.record("waitUntil returned on a false condition")
                } catch let error as WebDriverError {
                    #expect(error.description.contains("waiting for a miracle"))
                }
                #expect(ContinuousClock.now - started < .seconds(2))
                throw DeliberateFailure()
            }
        }
        try #require(processID > 0)
        #expect(Self.groupMembers(processID) == 0, "chromedriver or a browser process outlived the harness")
        #expect(!FileManager.default.fileExists(atPath: directory.path))
        #expect(FileManager.default.fileExists(atPath: screenshot.path), "no screenshot of the failure")
    }

    /// How many live processes are in process group `group`, read from proc(5).
    private static func groupMembers(_ group: pid_t) -> Int {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { entry in
            guard Int32(entry) != nil, let stat = FileManager.default.contents(atPath: "/proc/\(entry)/stat") else {
                return false
            }
            let text = String(decoding: stat, as: UTF8.self)
            guard let close = text.lastIndex(of: ")") else { return false }
            // After the command: state, ppid, pgrp.
            let fields = text[text.index(after: close)...].split(separator: " ")
            return fields.count > 2 && fields[0] != "Z" && Int32(fields[2]) == group
        }.count
    }
}
