import ConsoleApp
import Foundation
import Synchronization

/// The real console, in this process: a temporary data folder (or a given one), a temporary admin, serving on
/// a free loopback port. `stop()` shuts it down; the caller removes the folder.
final class BenchConsole: Sendable {
    static let adminEmail = "bench@example.com"
    static let adminPassword = "bench-password-\(UInt32.random(in: 0...UInt32.max))"

    let application: ConsoleApplication
    let port: Int
    let dataDirectory: String
    private let watch = LogWatch()

    /// Opens the console on `dataDirectory`; `start` false leaves the server unbound (cold-start timing).
    init(dataDirectory: String, start: Bool = true) throws {
        self.dataDirectory = dataDirectory
        var configuration = Configuration()
        configuration.port = 0
        configuration.dataDirectory = dataDirectory
        configuration.resourcesDirectory = Self.resourcesRoot
        configuration.maxUploadBytes = 1 << 30
        let watch = watch
        application = try ConsoleApplication(
            configuration: configuration,
            environment: ["ENROLLMENT_ADMIN_EMAIL": Self.adminEmail, "ENROLLMENT_ADMIN_PASSWORD": Self.adminPassword],
            log: { line in
                let now = ContinuousClock.now
                let cpu = ProcessUsage.now
                // "import 3 completed: …" / "invite 4 completed: …" (JobRunner)
                let words = line.split(separator: " ", maxSplits: 3)
                if words.count >= 3, words[2] == "completed:", let id = Int64(words[1]) {
                    let commit = Self.commitSeconds(in: line)
                    watch.completions.withLock { $0[id] = (now, cpu, commit) }
                } else if line.contains("failed") || line.contains("refused") {
                    watch.failures.withLock { $0.append(line) }
                }
            })
        port = start ? try application.start() : 0
    }

    /// The folder holding `Templates/` and `Public/`: `ENROLLMENT_RESOURCES`, else the working directory when it
    /// has them (`swift run` from the package root), else the package root found from this source file.
    static let resourcesRoot: String = {
        if let root = ProcessInfo.processInfo.environment["ENROLLMENT_RESOURCES"] { return root }
        let cwd = FileManager.default.currentDirectoryPath
        if FileManager.default.fileExists(atPath: cwd + "/Templates/layout.mustache") { return cwd }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The seconds of the commit itself in a "completed" line ("… (rows 2000 ms, commit 345 ms)").
    static func commitSeconds(in line: String) -> Double? {
        guard let range = line.range(of: "commit "), let end = line[range.upperBound...].firstIndex(of: " "),
            let millis = Double(line[range.upperBound..<end])
        else { return nil }
        return millis / 1000
    }

    /// The instant operation `id` committed, if it did.
    func completion(of id: Int64) -> ContinuousClock.Instant? { watch.completions.withLock { $0[id]?.at } }

    /// The operation that committed last (highest id) and when.
    var latestCompletion: (id: Int64, at: ContinuousClock.Instant, cpu: ProcessUsage, commit: Double?)? {
        watch.completions.withLock {
            $0.max { $0.key < $1.key }.map { ($0.key, $0.value.at, $0.value.cpu, $0.value.commit) }
        }
    }

    /// Log lines of refused or failed operations.
    var failureLines: [String] { watch.failures.withLock { $0 } }

    func stop() { application.shutdown() }

    /// A client signed in as the bench admin, and its session's CSRF token.
    func signedInClient() throws -> (LoopbackClient, String) {
        let client = LoopbackClient(port: port)
        let reply = try client.postForm(
            "/signin", [("email", Self.adminEmail), ("password", Self.adminPassword), ("next", "/")])
        guard reply.status == 303, client.cookie != nil else { throw BenchError.signIn(reply.status) }
        let page = try client.get("/enrollment/import")
        guard let token = Self.csrfToken(in: page.text) else { throw BenchError.noToken }
        return (client, token)
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }
}

/// What the console's log said, gathered from its log callback (any thread).
private final class LogWatch: Sendable {
    /// When each operation's "completed" line arrived, by operation id: its commit (results durable).
    /// With the process's CPU seconds at that moment and how long the commit itself took.
    let completions = Mutex<[Int64: (at: ContinuousClock.Instant, cpu: ProcessUsage, commit: Double?)]>([:])
    /// Lines about refused or failed operations.
    let failures = Mutex<[String]>([])
}

enum BenchError: Error, CustomStringConvertible {
    case signIn(Int)
    case noToken
    case upload(Int, String)
    case notCommitted(String)

    var description: String {
        switch self {
        case .signIn(let status): "sign-in answered \(status)"
        case .noToken: "no _csrf token on the Import page"
        case .upload(let status, let body): "upload answered \(status): \(body.prefix(200))"
        case .notCommitted(let why): "the operation did not commit: \(why)"
        }
    }
}
