import Foundation

/// What one upload through the real server took.
struct UploadTiming {
    /// First byte sent → the server's 303 (body spooled, operation recorded).
    var toReply: Duration
    /// First byte sent → the operation committed: every result and directory change durable.
    var toCommit: Duration
    /// First byte sent → `waitForJobs()` returned: commit plus spooling the queued mail to the outbox (when
    /// waited for).
    var toJobsDone: Duration?
    /// Processor time and page faults of the whole process (server loops, job, every thread) from the first
    /// byte to the commit.
    var usageToCommit: ProcessUsage
    /// Its processor time, user and kernel.
    var cpuToCommit: Double { usageToCommit.cpu }
    /// The commit alone (the job's own figure, from its log line), the end of `toCommit`.
    var commit: Double?
    /// The status line of the page after the run.
    var outcome: String

    /// The start of a row's notes: processor time, file size, time to the reply, the commit's share and, when
    /// waited for, the time to the mail.
    func notes(fileBytes: Int) -> String {
        var notes = String(
            format: "CPU %.3f s (user %.3f, kernel %.3f; %dk page faults); ", cpuToCommit, usageToCommit.user,
            usageToCommit.system, usageToCommit.minorFaults / 1000)
        notes += "\(Format.megabytes(fileBytes)) file; reply after \(Format.seconds(toReply)); "
        if let commit { notes += String(format: "commit %.3f s of it; ", commit) }
        if let toJobsDone { notes += "mail spooled at \(Format.seconds(toJobsDone)); " }
        return notes
    }
}

/// Uploads `filePath` to `pagePath` as the signed-in admin and waits for the operation to commit, and with
/// `waitsForMail` also for its mail to be spooled (`waitForJobs()`). Without it, the mail writer may still be
/// busy when this returns, so the caller must not shut the console down (it would wait for the mail).
func uploadAndWait(
    console: BenchConsole, client: LoopbackClient, csrf: String, pagePath: String, filePath: String,
    fileName: String, waitsForMail: Bool = true
) throws -> UploadTiming {
    let clock = ContinuousClock()
    let previous = console.latestCompletion?.id ?? 0
    var start = clock.now
    var startUsage = ProcessUsage()
    let reply = try client.postFile(
        pagePath, fields: [("_csrf", csrf)], fileField: "file", fileName: fileName, filePath: filePath,
        onFirstByte: {
            start = clock.now
            startUsage = ProcessUsage.now
        })
    let replied = clock.now
    guard reply.status == 303 else { throw BenchError.upload(reply.status, reply.text) }
    var jobsDone: ContinuousClock.Instant?
    if waitsForMail {
        console.application.waitForJobs()
        jobsDone = clock.now
    } else {
        let failuresBefore = console.failureLines.count
        while (console.latestCompletion?.id ?? 0) <= previous {
            if console.failureLines.count > failuresBefore { break }
            if clock.now - start > .seconds(900) { break }
            Thread.sleep(forTimeInterval: 0.002)
        }
    }
    guard let committed = console.latestCompletion, committed.id > previous else {
        throw BenchError.notCommitted(console.failureLines.last ?? "no log line")
    }
    note(
        "\(fileName): reply \(Format.seconds(replied - start)), commit \(Format.seconds(committed.at - start))"
            + (jobsDone.map { ", mail spooled \(Format.seconds($0 - start))" } ?? ""))
    let page = try client.get(pagePath)
    return UploadTiming(
        toReply: replied - start, toCommit: committed.at - start, toJobsDone: jobsDone.map { $0 - start },
        usageToCommit: committed.cpu - startUsage, commit: committed.commit, outcome: statusSentence(in: page.text))
}

/// The first sentence of the status line ("Import completed: …."), without markup.
func statusSentence(in html: String) -> String {
    for marker in ["completed:", "Completed", "refused", "Rejected"] {
        guard let range = html.range(of: marker) else { continue }
        let lineStart = html[..<range.lowerBound].lastIndex(of: ">").map { html.index(after: $0) } ?? range.lowerBound
        let rest = html[lineStart...]
        let end = rest.firstIndex(of: "<") ?? rest.endIndex
        return rest[..<end].trimmingCharacters(in: .whitespacesAndNewlines)
    }
    return "(no status line found)"
}

/// Seconds Python's `csv.reader` takes to iterate over every row of `path` (interpreter start excluded).
func pythonCSVSeconds(path: String) -> Double? {
    guard let python = which("python3") else { return nil }
    let script = """
        import csv, sys, time
        start = time.perf_counter()
        n = 0
        with open(sys.argv[1], newline='') as f:
            for row in csv.reader(f):
                n += 1
        print(n, time.perf_counter() - start)
        """
    guard let output = try? runProgram(python, ["-c", script, path]) else { return nil }
    let parts = output.split(separator: " ")
    guard parts.count == 2 else { return nil }
    return Double(parts[1].trimmingCharacters(in: .whitespacesAndNewlines))
}

/// `import` for one size, in a process of its own so that peak RSS is this run's alone.
///
/// The time is to the commit (every result and directory change durable). Mail is waited for only up to 10k
/// rows: the outbox writes one file per email, which takes far longer than the import (see the notes). The
/// console is then left running and the process exits; the parent removes the scratch folder.
func runImportCase(rows: Int) throws -> [String] {
    let scratch = try ScratchFolder("import")
    let file = scratch.path + "/people.csv"
    let bytes = try SampleFiles.writeImport(rows: rows, to: file)
    let console = try BenchConsole(dataDirectory: scratch.path + "/data")
    let (client, csrf) = try console.signedInClient()
    let timing = try uploadAndWait(
        console: console, client: client, csrf: csrf, pagePath: "/enrollment/import", filePath: file,
        fileName: "people.csv", waitsForMail: rows <= 10_000)
    // Peak RSS includes the sort of the added keys, which ends after the commit.
    let settling = ContinuousClock().measure { console.application.settleUserOrder() }
    let peak = ProcessMemory.peakResident
    let python = pythonCSVSeconds(path: file)
    let seconds = timing.toCommit.seconds
    var notes =
        timing.notes(fileBytes: bytes) + "sorted user order waited for \(Format.seconds(settling)) more; "
        + "peak RSS \(Format.megabytes(peak)); "
    var goal = ""
    if let python {
        notes += String(format: "Python csv.reader alone %.3f s (ours/Python %.2f×); ", python, seconds / python)
        goal = "faster than Python: \(Format.verdict(seconds < python))"
    }
    if rows == 1_000_000 { goal = "≤ 2 s: \(Format.verdict(seconds <= 2)); " + goal }
    notes += "“\(timing.outcome)”"
    return [
        BenchRow(
            bench: "import", scenario: "\(Format.count(rows)) rows",
            result: "\(Format.seconds(timing.toCommit)), \(Format.rate(rows, timing.toCommit, unit: "rows"))",
            goal: goal, notes: notes
        ).encoded,
        "VAL\timport.\(rows)\t\(seconds)",
        "VAL\tcpu.\(rows)\t\(timing.cpuToCommit)",
        "VAL\tcommit.\(rows)\t\(timing.commit ?? 0)",
        "VAL\tscratch\t\(scratch.path)",
    ]
}

/// `update`: an import of `rows` Update rows (a new title and department for everyone) into a directory that
/// already holds the people, made as `coldstart` makes its folder; timed to the commit. No mail is sent.
func runUpdateCase(rows: Int) throws -> [String] {
    let (scratch, users) = try makeFolderWithUsers(count: rows, label: "update")
    let file = scratch.path + "/updates.csv"
    return try runUploadToCommit(
        in: scratch, file: file, bytes: try SampleFiles.writeUpdate(rows: rows, to: file),
        pagePath: "/enrollment/import", bench: "update",
        scenario: "\(Format.count(rows)) Update rows, \(Format.count(users)) users", count: rows, unit: "rows")
}

/// `invite`: 100k addresses through the Bulk Invite page, timed to the commit (mail is left to spool, as in
/// `runImportCase`).
func runInviteCase(count: Int) throws -> [String] {
    let scratch = try ScratchFolder("invite")
    let file = scratch.path + "/guests.txt"
    return try runUploadToCommit(
        in: scratch, file: file, bytes: try SampleFiles.writeInvite(count: count, to: file),
        pagePath: "/enrollment/invite", bench: "invite", scenario: "\(Format.count(count)) addresses", count: count,
        unit: "addresses")
}

/// Uploads `file` (`bytes` long) to `pagePath` of a console on `scratch`'s `data` folder, timed to the commit
/// (mail is left to spool); the table row, and the folder for the parent to remove.
private func runUploadToCommit(
    in scratch: ScratchFolder, file: String, bytes: Int, pagePath: String, bench: String, scenario: String,
    count: Int, unit: String
) throws -> [String] {
    let console = try BenchConsole(dataDirectory: scratch.path + "/data")
    let (client, csrf) = try console.signedInClient()
    let timing = try uploadAndWait(
        console: console, client: client, csrf: csrf, pagePath: pagePath, filePath: file,
        fileName: (file as NSString).lastPathComponent, waitsForMail: false)
    let peak = ProcessMemory.peakResident
    let notes = timing.notes(fileBytes: bytes) + "peak RSS \(Format.megabytes(peak)); “\(timing.outcome)”"
    return [
        BenchRow(
            bench: bench, scenario: scenario,
            result: "\(Format.seconds(timing.toCommit)), \(Format.rate(count, timing.toCommit, unit: unit))",
            notes: notes
        ).encoded,
        "VAL\tscratch\t\(scratch.path)",
    ]
}

/// `upload`: a 100 MB file through the multipart spooler, timed to the server's reply. The file is named
/// `.bin`, so the console keeps it and records the operation as rejected without running an import: the
/// figure is the upload path alone (socket → parser → spool file → kept upload).
func runUploadCase(megabytes: Int, repeats: Int) throws -> [String] {
    let scratch = try ScratchFolder("upload")
    defer { scratch.remove() }
    let file = scratch.path + "/big.bin"
    let bytes = try SampleFiles.writeFiller(bytes: megabytes * 1_000_000, to: file)
    let console = try BenchConsole(dataDirectory: scratch.path + "/data")
    defer { console.stop() }
    let (client, csrf) = try console.signedInClient()
    let clock = ContinuousClock()
    var times: [Duration] = []
    for _ in 0..<repeats {
        var start = clock.now
        let reply = try client.postFile(
            "/enrollment/import", fields: [("_csrf", csrf)], fileField: "file", fileName: "big.bin",
            filePath: file, onFirstByte: { start = clock.now })
        let elapsed = clock.now - start
        guard reply.status == 303 else { throw BenchError.upload(reply.status, reply.text) }
        times.append(elapsed)
    }
    times.sort()
    let median = times[times.count / 2]
    let all = times.map { String(format: "%.0f", Double(bytes) / 1e6 / $0.seconds) }.joined(separator: ", ")
    return [
        BenchRow(
            bench: "upload", scenario: "\(megabytes) MB multipart",
            result: String(format: "%.0f MB/s", Double(bytes) / 1e6 / median.seconds),
            notes:
                "median of \(repeats) (\(all) MB/s), to the 303; peak RSS \(Format.megabytes(ProcessMemory.peakResident))"
        ).encoded
    ]
}
