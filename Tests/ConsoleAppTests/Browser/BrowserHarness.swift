import Foundation
import Glibc
import Testing

/// Gives a test a headless Chromium driven over WebDriver, and always takes it down again.
///
/// ``withBrowser(isJavaScriptEnabled:timeLimit:_:)`` starts chromedriver on a free loopback port with a fresh temporary
/// folder, waits until `/status` reports ready, opens a session, runs the test, and then — whether the test
/// passed, failed or threw — deletes the session, ends chromedriver's process group (SIGTERM, then SIGKILL) and
/// removes the folder. Only one browser runs at a time in this process. Suites use
/// `.enabled(if: BrowserHarness.shouldRun)`: skipped locally without the tools, run (and failing) under `CI=true`.
final class BrowserHarness {
    /// The tools decision for this process's environment, made once.
    static let availability = BrowserTools.availability(environment: ProcessInfo.processInfo.environment)

    /// Whether browser tests should run: the tools are there, or CI demands them (and so fails without them).
    static var shouldRun: Bool {
        if case .skip = availability { return false }
        return true
    }

    /// Where ``saveScreenshot(name:)`` writes: `.build/screenshots/` under the package root.
    static let screenshotsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/screenshots", isDirectory: true)

    /// How long a test may use its browser before ``SessionWatchdog`` kills it, unless the test says otherwise.
    static let defaultTimeLimit = Duration.seconds(90)

    /// How long chromedriver may take to answer `/status` as ready.
    static let startupTimeout = Duration.seconds(20)

    /// The session of this harness.
    let driver: WebDriverClient
    /// The chromedriver process; its pid is also the group id of the browser processes.
    let chromedriver: ChildProcess
    /// The temporary folder holding the browser profile and chromedriver's log; removed at shutdown.
    let temporaryDirectory: URL
    /// Kills chromedriver and the browser if the test runs past its time limit.
    let watchdog: SessionWatchdog

    private static let exclusive = NSLock()

    /// Runs `body` with a fresh browser, one test at a time; cleans up in every case. When `body` throws, a
    /// screenshot named `failed-<test function>` is saved first. Past `timeLimit` the browser is killed, so every
    /// further command fails at once.
    ///
    /// - Throws: ``BrowserHarnessError`` when the browser cannot be had (including missing tools under CI) or
    ///   the time limit passed (``BrowserHarnessError/sessionTimedOut(limit:)``), else what `body` throws.
    static func withBrowser<T>(
        isJavaScriptEnabled: Bool = true, timeLimit: Duration = defaultTimeLimit, _ body: (BrowserHarness) throws -> T
    ) throws -> T {
        exclusive.lock()
        defer { exclusive.unlock() }
        let harness = try BrowserHarness(isJavaScriptEnabled: isJavaScriptEnabled, timeLimit: timeLimit)
        defer { harness.shutdown() }
        do {
            return try body(harness)
        } catch {
            if harness.watchdog.hasFired { throw BrowserHarnessError.sessionTimedOut(limit: timeLimit) }
            let test = Test.current?.name.replacingOccurrences(of: "()", with: "") ?? "test"
            _ = try? harness.saveScreenshot(name: "failed-\(test)")
            throw error
        }
    }

    private init(isJavaScriptEnabled: Bool, timeLimit: Duration) throws(BrowserHarnessError) {
        guard case .ready(let chromium, let chromedriverPath) = Self.availability else {
            switch Self.availability {
            case .fail(let reason), .skip(let reason): throw .toolsMissing(reason: reason)
            case .ready: preconditionFailure("handled by the guard")
            }
        }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("browser-harness-\(UUID().uuidString)", isDirectory: true)
        let profile = directory.appendingPathComponent("profile", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        } catch {
            throw .fileSystem(operation: "create", path: profile.path, reason: "\(error)")
        }
        temporaryDirectory = directory
        let port: UInt16
        let process: ChildProcess
        do {
            port = try Self.freePort()
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw .noFreePort(error)
        }
        do {
            process = try ChildProcess(
                executable: chromedriverPath, arguments: ["--port=\(port)"],
                logPath: directory.appendingPathComponent("chromedriver.log").path)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        chromedriver = process
        let abandon = {
            process.terminate()
            try? FileManager.default.removeItem(at: directory)
        }
        do {
            try Self.waitUntilReady(process, port: port)
        } catch {
            abandon()
            throw error
        }
        let capabilities = WebDriverClient.chromeCapabilities(
            binary: chromium, userDataDirectory: profile.path, isJavaScriptEnabled: isJavaScriptEnabled)
        do {
            driver = try WebDriverClient(port: port, capabilities: capabilities)
        } catch {
            let log = process.logTail()
            abandon()
            throw .sessionNotCreated(error, log: log)
        }
        // Armed once the session is open: start-up has its own bounds (startupTimeout, socket timeouts).
        watchdog = SessionWatchdog(processGroup: process.processID, timeLimit: timeLimit)
    }

    /// Ends the session, chromedriver and its browser, and removes the temporary folder; idempotent.
    func shutdown() {
        if !watchdog.hasFired { driver.deleteSession() }
        watchdog.disarm()  // before terminate() reaps chromedriver: see SessionWatchdog's invariant
        chromedriver.terminate()
        try? FileManager.default.removeItem(at: temporaryDirectory)
    }

    /// Writes a PNG of the viewport to ``screenshotsDirectory`` as `<name>.png` (unsafe characters replaced by
    /// `-`) and returns its path.
    ///
    /// - Throws: ``WebDriverError`` when the browser cannot take it, ``BrowserHarnessError`` when it cannot be
    ///   written.
    @discardableResult
    func saveScreenshot(name: String) throws -> URL {
        let png = try driver.screenshot()
        let safe = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" })
        let file = Self.screenshotsDirectory.appendingPathComponent("\(safe).png")
        do {
            try FileManager.default.createDirectory(at: Self.screenshotsDirectory, withIntermediateDirectories: true)
            try Data(png).write(to: file, options: .atomic)
        } catch {
            throw BrowserHarnessError.fileSystem(operation: "write", path: file.path, reason: "\(error)")
        }
        return file
    }
}
