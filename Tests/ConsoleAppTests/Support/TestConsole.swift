import ConsoleApp
import Foundation

/// A real console for a test: its own temporary data folder, the repository's `Templates/` and `Public/`,
/// serving on a free loopback port, with one admin whose credentials tests use to sign in.
///
/// `stop()` shuts it down and removes the data folder; call it in a `defer`.
final class TestConsole: @unchecked Sendable {
    static let adminEmail = "admin@example.com"
    static let adminPassword = "test-password-1"

    /// The repository root, from this file's path (Tests/ConsoleAppTests/Support/TestConsole.swift).
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The shared folder beside the repository (seeds, corpora).
    static var sharedRoot: String { (repositoryRoot as NSString).deletingLastPathComponent + "/shared" }

    let application: ConsoleApplication
    let port: Int
    let dataDirectory: String

    var baseURL: String { "http://127.0.0.1:\(port)" }

    init(configure: (inout Configuration) -> Void = { _ in }) throws {
        dataDirectory = NSTemporaryDirectory() + "console-test-\(UUID().uuidString)"
        var configuration = Configuration()
        configuration.port = 0
        configuration.loopCount = 2
        configuration.dataDirectory = dataDirectory
        configuration.resourcesDirectory = Self.repositoryRoot
        configure(&configuration)
        let box = LogBox()
        application = try ConsoleApplication(
            configuration: configuration,
            environment: ["ENROLLMENT_ADMIN_EMAIL": Self.adminEmail, "ENROLLMENT_ADMIN_PASSWORD": Self.adminPassword],
            log: { box.append($0) })
        port = try application.start()
        logBox = box
    }

    private let logBox: LogBox

    /// Everything the console logged so far.
    var log: [String] { logBox.lines }

    /// Waits for running imports and invites to finish.
    func waitForJobs() { application.waitForJobs() }

    func stop() {
        application.shutdown()
        try? FileManager.default.removeItem(atPath: dataDirectory)
    }

    /// A client signed in as the test admin; `csrf` is the form token of its session.
    func signedInClient() throws -> (client: LoopbackHTTPClient, csrf: String) {
        let client = LoopbackHTTPClient(port: UInt16(port))
        let response = try client.post(
            "/signin", form: [("email", Self.adminEmail), ("password", Self.adminPassword), ("next", "/")])
        guard response.status == 303 else { throw TestConsoleError.signInFailed(response.status) }
        let page = try client.get("/enrollment/import")
        guard let token = Self.csrfToken(in: page.text) else { throw TestConsoleError.noToken }
        return (client, token)
    }

    /// The `_csrf` hidden field's value in a page.
    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }
}

private final class LogBox: @unchecked Sendable {
    // Protected by `lock`.
    private var stored: [String] = []
    private let lock = NSLock()

    func append(_ line: String) { lock.withLock { stored.append(line) } }
    var lines: [String] { lock.withLock { stored } }
}

enum TestConsoleError: Error {
    case signInFailed(Int)
    case noToken
}
