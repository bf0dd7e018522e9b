import Foundation
import Synchronization

/// What `wrk` reported for one run.
struct WrkFigures {
    var requestsPerSecond: Double = 0
    var p50Milliseconds: Double = 0
    var p99Milliseconds: Double = 0
    var requests = 0
    var problems: [String] = []

    /// Reads `wrk --latency` output.
    init(output: String) {
        for raw in output.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            if line.hasPrefix("Requests/sec:"), words.count == 2 {
                requestsPerSecond = Double(words[1]) ?? 0
            } else if line.hasPrefix("50%"), words.count == 2 {
                p50Milliseconds = Self.milliseconds(words[1])
            } else if line.hasPrefix("99%"), words.count == 2 {
                p99Milliseconds = Self.milliseconds(words[1])
            } else if line.contains("requests in"), let first = words.first {
                requests = Int(first) ?? 0
            } else if line.hasPrefix("Non-2xx") || line.hasPrefix("Socket errors") {
                problems.append(line)
            }
        }
    }

    static func milliseconds(_ text: Substring) -> Double {
        for (unit, scale) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0), ("m", 60_000.0)] where text.hasSuffix(unit) {
            return (Double(text.dropLast(unit.count)) ?? 0) * scale
        }
        return Double(text) ?? 0
    }
}

/// Runs `wrk` against `url` on loopback, bounded by `seconds`.
func runWrk(url: String, cookie: String?, seconds: Int, threads: Int = 2, connections: Int = 32) throws -> WrkFigures {
    guard let wrk = which("wrk") else { throw BenchError.notCommitted("wrk not found") }
    precondition(url.hasPrefix("http://127.0.0.1:"), "load tests target loopback only")
    var arguments = ["-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--latency", "--timeout", "5s"]
    if let cookie { arguments += ["-H", "Cookie: \(cookie)"] }
    arguments.append(url)
    return WrkFigures(output: try runProgram(wrk, arguments))
}

/// `pages`: requests/s and p99 of four pages with `wrk` while 1M-row imports run one after another.
func runPagesCase(rows: Int, seconds: Int) throws -> [String] {
    let scratch = try ScratchFolder("pages")
    let file = scratch.path + "/people.csv"
    try SampleFiles.writeImport(rows: rows, to: file)
    // The console is not shut down at the end: that would wait for the outbox to write every queued email.
    let console = try BenchConsole(dataDirectory: scratch.path + "/data")
    let (client, csrf) = try console.signedInClient()
    note("pages: first import of \(rows) rows, for a results page to read")
    _ = try uploadAndWait(
        console: console, client: client, csrf: csrf, pagePath: "/enrollment/import", filePath: file,
        fileName: "people.csv", waitsForMail: false)
    guard let first = console.latestCompletion?.id, let cookie = client.cookie else {
        throw BenchError.notCommitted("first import")
    }
    let resultsPage = max(1, rows / 50 / 2)
    let targets: [(String, String)] = [
        ("Import page", "/enrollment/import"),
        ("history dialog", "/enrollment/import/history"),
        (
            "results page \(resultsPage) of the \(Format.count(rows)) import",
            "/enrollment/imports/\(first)?page=\(resultsPage)"
        ),
        ("/healthz", "/healthz"),
    ]
    for (_, path) in targets {
        let reply = try client.get(path)
        guard reply.status == 200 else { throw BenchError.upload(reply.status, "GET \(path)") }
    }

    // Imports of the same file, back to back, for as long as the pages are measured.
    let shared = BackgroundImports()
    let worker = Thread {
        do {
            let (background, token) = try console.signedInClient()
            while !shared.stop.load(ordering: .relaxed) {
                let previous = console.latestCompletion?.id ?? 0
                let reply = try background.postFile(
                    "/enrollment/import", fields: [("_csrf", token)], fileField: "file", fileName: "again.csv",
                    filePath: file)
                guard reply.status == 303 else { break }
                while (console.latestCompletion?.id ?? 0) <= previous, console.failureLines.isEmpty {
                    Thread.sleep(forTimeInterval: 0.01)
                }
                shared.done.add(1, ordering: .relaxed)
            }
        } catch {
            note("pages: background import stopped: \(error)")
        }
    }
    worker.start()
    Thread.sleep(forTimeInterval: 0.5)
    var rowsOut: [String] = []
    for (label, path) in targets {
        let figures = try runWrk(url: "http://127.0.0.1:\(console.port)\(path)", cookie: cookie, seconds: seconds)
        var notes = String(format: "p50 %.1f ms; %d requests", figures.p50Milliseconds, figures.requests)
        if !figures.problems.isEmpty { notes += "; " + figures.problems.joined(separator: "; ") }
        rowsOut.append(
            BenchRow(
                bench: "pages", scenario: "\(label) (during import)",
                result: String(format: "%.0f req/s, p99 %.1f ms", figures.requestsPerSecond, figures.p99Milliseconds),
                goal: "p99 ≤ 50 ms: \(Format.verdict(figures.p99Milliseconds <= 50))", notes: notes
            ).encoded)
    }
    shared.stop.store(true, ordering: .relaxed)
    while !worker.isFinished { Thread.sleep(forTimeInterval: 0.05) }
    rowsOut.append(
        BenchRow(
            bench: "pages", scenario: "imports running meanwhile",
            result: "\(shared.done.load(ordering: .relaxed)) imports of \(Format.count(rows)) rows completed",
            notes: "wrk -t2 -c32 -d\(seconds)s --latency per page, session cookie of a signed-in admin"
        ).encoded)
    rowsOut.append("VAL\tscratch\t\(scratch.path)")
    return rowsOut
}

/// Shared between the measuring thread and the thread that keeps imports running.
private final class BackgroundImports: Sendable {
    let stop = Atomic<Bool>(false)
    let done = Atomic<Int>(0)
}
