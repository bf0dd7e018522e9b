import Enrollment
import Foundation

/// `repository`: `count` upserts staged in one run and made durable by one commit, twice — first as inserts
/// into an empty directory, then as updates of the same users.
func runRepositoryCase(count: Int) throws -> [String] {
    let scratch = try ScratchFolder("repository")
    defer { scratch.remove() }
    let clock = ContinuousClock()
    let repository = try EnrollmentRepository.open(
        dataDirectory: scratch.path + "/data", now: { Int64(Date().timeIntervalSince1970 * 1000) }, log: { _ in })
    defer { repository.close() }
    var rows: [String] = []
    let batchSize = 10_000
    for (round, label) in ["insert", "update"].enumerated() {
        let upload = scratch.path + "/upload-\(round).csv"
        _ = FileManager.default.createFile(atPath: upload, contents: Data(SampleFiles.importHeader.utf8))
        let record = try repository.createOperation(
            kind: .userImport, fileName: "bench.csv", uploadedBy: "bench", uploadedFile: upload,
            resendInvitations: false)
        let run = try repository.beginRun(operationID: record.id)
        // The users are made outside the clock, a batch at a time (string interpolation costs more than staging).
        var staging = Duration.zero
        var batch: [User] = []
        batch.reserveCapacity(batchSize)
        for first in stride(from: 0, to: count, by: batchSize) {
            batch.removeAll(keepingCapacity: true)
            for index in first..<min(first + batchSize, count) {
                batch.append(
                    User(
                        email: "user\(index)@example.com", firstName: "Ann\(index)", lastName: "Lee\(index)",
                        alternateID: "A\(index)", workPhone: "+1 555 \(index % 10_000)", title: "Engineer",
                        department: round == 0 ? "Research" : "Sales", state: .invited, createdAt: 1, updatedAt: 2))
            }
            let start = clock.now
            for user in batch { run.put(user) }
            staging += clock.now - start
        }
        let start = clock.now
        try run.commit()
        let commit = clock.now - start
        let total = staging + commit
        rows.append(
            BenchRow(
                bench: "repository", scenario: "\(Format.count(count)) upserts (\(label)), one commit",
                result: "\(Format.seconds(total)), \(Format.rate(count, total, unit: "upserts"))",
                goal: "≤ 1 s: \(Format.verdict(total.seconds <= 1))",
                notes:
                    "staging \(Format.seconds(staging)), commit \(Format.seconds(commit)); users made outside the "
                    + "clock, \(Format.count(batchSize)) at a time; "
                    + "directory \(repository.userCount) users; peak RSS \(Format.megabytes(ProcessMemory.peakResident))"
            ).encoded)
    }
    return rows
}

/// `coldstart`, first half: a data folder holding `count` users, made by importing a generated file the way the
/// console's job runner does (reader, rules, one commit, compaction when the journal grew), its mail marked
/// spooled as the outbox would, then closed. Prints the folder's path. (The console itself is not used: its outbox writes one file per email.)
func makeColdStartFolder(count: Int) throws -> [String] {
    ["VAL\tfolder\t\(try makeFolderWithUsers(count: count, label: "coldstart").folder.path)"]
}

/// A scratch folder whose `data` folder holds the users of a generated `count`-row import file, made as the
/// console's job runner would make it, the mail marked spooled; returns it with the number of users.
func makeFolderWithUsers(count: Int, label: String) throws -> (folder: ScratchFolder, users: Int) {
    let scratch = try ScratchFolder(label)
    let file = scratch.path + "/people.csv"
    try SampleFiles.writeImport(rows: count, to: file)
    let repository = try EnrollmentRepository.open(
        dataDirectory: scratch.path + "/data", now: { Int64(Date().timeIntervalSince1970 * 1000) }, log: { _ in })
    let record = try repository.createOperation(
        kind: .userImport, fileName: "people.csv", uploadedBy: "bench", uploadedFile: file, resendInvitations: false)
    var run = try repository.beginRun(operationID: record.id)
    _ = try ImportProcessor.run(
        filePath: repository.uploadedFilePath(operationID: record.id), into: &run,
        now: Int64(Date().timeIntervalSince1970 * 1000))
    try run.commit()
    try repository.markMailSpooled(operationID: record.id)
    // As the job runner does after a run: fold a grown journal into a snapshot.
    _ = try repository.compactIfNeeded()
    let users = repository.userCount
    repository.close()
    return (scratch, users)
}

/// `coldstart`, second half, in a fresh process: opens the repository in `folder` three times, then the whole
/// console once.
func runColdStartCase(folder: String) throws -> [String] {
    let data = folder + "/data"
    let clock = ContinuousClock()
    let before = ProcessMemory.resident
    var opens: [Duration] = []
    var users = 0
    var afterFirst = 0
    for attempt in 0..<3 {
        let start = clock.now
        let repository = try EnrollmentRepository.open(
            dataDirectory: data, now: { Int64(Date().timeIntervalSince1970 * 1000) }, log: { _ in })
        opens.append(clock.now - start)
        if attempt == 0 {
            afterFirst = ProcessMemory.resident
            users = repository.userCount
        }
        repository.close()
    }
    let start = clock.now
    let console = try BenchConsole(dataDirectory: data, start: false)
    let consoleInit = clock.now - start
    console.stop()
    let folderBytes = directorySize(data)
    let perUser = users > 0 ? (afterFirst - before) / users : 0
    let first = opens[0]
    let best = opens.min()!
    return [
        BenchRow(
            bench: "coldstart", scenario: "EnrollmentRepository.open, \(Format.count(users)) users",
            result: "\(Format.seconds(first)) (best of 3: \(Format.seconds(best)))",
            goal: "≤ 1 s: \(Format.verdict(first.seconds <= 1))",
            notes: "data folder \(Format.megabytes(folderBytes)); resident \(perUser) bytes/user after open"
        ).encoded,
        BenchRow(
            bench: "coldstart", scenario: "ConsoleApplication init, \(Format.count(users)) users",
            result: Format.seconds(consoleInit), goal: "≤ 1 s: \(Format.verdict(consoleInit.seconds <= 1))",
            notes: "templates, repository, outbox, admins (server not started)"
        ).encoded,
    ]
}

private func directorySize(_ path: String) -> Int {
    guard let walker = FileManager.default.enumerator(atPath: path) else { return 0 }
    var total = 0
    while let name = walker.nextObject() as? String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path + "/" + name)
        if attributes?[.type] as? FileAttributeType == .typeRegular { total += attributes?[.size] as? Int ?? 0 }
    }
    return total
}
