import Enrollment
import Foundation
import Glibc
import Storage

/// Measures the repository with `users` users in a temporary folder: one commit creating them all, one commit
/// updating them all, a load from the journal alone, compaction, a load from snapshot plus a short tail, and heap
/// bytes per user. Returns printable lines; removes its folder.
func runRepositoryBenchmark(users count: Int) -> [String] {
    if let folder = getenv(loadOnlyVariable) { return measureLoadOnly(dataDirectory: String(cString: folder)) }
    var lines: [String] = ["repository benchmark: \(count) users"]
    let residentAtStart = residentBytes()
    var template = Array((NSTemporaryDirectory() + "enrollment-journal-bench-XXXXXX").utf8CString)
    guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
        return ["repository benchmark: mkdtemp failed"]
    }
    let root = String(cString: made)
    defer { _ = system("rm -rf '\(root)'") }
    let data = root + "/data"
    let clock = ContinuousClock()
    var cpuMark = clock_t(0)
    func cpu() -> String {
        let now = Glibc.clock()
        defer { cpuMark = now }
        return String((Int(now) - Int(cpuMark)) / 1000) + " ms CPU"
    }
    func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(Int((value * 1000).rounded())) + " ms"
    }
    do {
        var repository = try EnrollmentRepository.open(dataDirectory: data, now: { 1 }, log: { _ in })
        for pass in ["create", "update"] {
            let spool = root + "/spool"
            try AtomicFile.write(path: spool, bytes: Array("x".utf8))
            let op = try repository.createOperation(
                kind: .userImport, fileName: "bench.csv", uploadedBy: "bench", uploadedFile: spool,
                resendInvitations: false)
            let run = try repository.beginRun(operationID: op.id)
            _ = cpu()
            let staging = clock.measure {
                for i in 0..<count {
                    run.put(
                        User(
                            email: "user\(i)@example.com", firstName: pass == "create" ? "First" : "Changed",
                            lastName: "Last\(i % 1000)", alternateID: "A\(i)", workPhone: "+1 555 0100",
                            title: "Engineer", department: "R&D", state: .invited, createdAt: 1, updatedAt: 2))
                }
            }
            let stagingCPU = cpu()
            let commit = try clock.measure { try run.commit() }
            lines.append(
                "\(pass) \(count) users: staging \(seconds(staging)) (\(stagingCPU)), "
                    + "durable commit \(seconds(commit)) (\(cpu()))")
        }
        let journalSize = repository.journalSize
        repository.close()
        _ = cpu()
        let loadFromJournal = try clock.measure {
            repository = try EnrollmentRepository.open(dataDirectory: data, now: { 1 }, log: { _ in })
        }
        lines.append("load from journal alone (\(journalSize / 1_000_000) MB): \(seconds(loadFromJournal)) (\(cpu()))")
        let compaction = try clock.measure { try repository.compact() }
        lines.append("compaction (snapshot of \(repository.userCount) users): \(seconds(compaction)) (\(cpu()))")
        let spool = root + "/spool"
        try AtomicFile.write(path: spool, bytes: Array("x".utf8))
        let op = try repository.createOperation(
            kind: .userImport, fileName: "tail.csv", uploadedBy: "bench", uploadedFile: spool, resendInvitations: false)
        let run = try repository.beginRun(operationID: op.id)
        for i in 0..<1000 { run.put(User(email: "tail\(i)@example.com", firstName: "T", lastName: "T")) }
        try run.commit()
        repository.close()
        lines += loadInFreshProcess(dataDirectory: data)
        trimHeap()
        let residentBefore = residentBytes()
        _ = cpu()
        let load = try clock.measure {
            repository = try EnrollmentRepository.open(dataDirectory: data, now: { 1 }, log: { _ in })
        }
        let loadCPU = cpu()
        trimHeap()
        let residentAfter = residentBytes()
        let perUser = (residentAfter - residentBefore) / max(1, repository.userCount)
        lines.append(
            "resident: at start \(residentAtStart >> 20) MiB, before load \(residentBefore >> 20) MiB, "
                + "after load \(residentAfter >> 20) MiB")
        lines.append(
            "load from snapshot + tail, same process (\(repository.userCount) users): \(seconds(load)) (\(loadCPU))")
        lines.append("resident growth per user, same process (reuses freed heap, a lower bound): \(perUser) bytes")
        let page = clock.measure { _ = repository.users(matching: "", offset: count / 2, limit: 50) }
        let search = clock.measure { _ = repository.users(matching: "user99999", offset: 0, limit: 50) }
        lines.append("users page: \(seconds(page)); search over all: \(seconds(search))")
        repository.close()
    } catch {
        lines.append("repository benchmark failed: \(error)")
    }
    return lines
}

/// Resident set size of this process in bytes, from /proc/self/statm.
private func residentBytes() -> Int {
    guard let fd = try? FileSystem.open("/proc/self/statm", flags: O_RDONLY) else { return 0 }
    defer { FileSystem.close(fd) }
    guard let bytes = try? FileSystem.read(fd, count: 256, at: 0, path: "/proc/self/statm") else { return 0 }
    let fields = String(decoding: bytes, as: UTF8.self).split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Returns freed heap pages to the system (glibc `malloc_trim`, looked up at run time), so resident size
/// reflects live data.
private func trimHeap() {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
    let trim = unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    _ = trim(0)
}

/// Set in a child process: the folder whose repository it only opens and measures.
private let loadOnlyVariable = "ENROLLMENT_BENCH_LOAD_ONLY"

/// Opens the repository in a new process (this executable, same arguments, `loadOnlyVariable` set) so the
/// load time and resident memory are those of a fresh start; returns the child's lines.
private func loadInFreshProcess(dataDirectory: String) -> [String] {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return ["fresh-process load: pipe failed"] }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
    var argv = CommandLine.arguments.map { strdup($0) } + [nil]
    let variables = [loadOnlyVariable + "=" + dataDirectory]
    var envp = variables.map { strdup($0) } + [nil]
    defer { for pointer in argv + envp { free(pointer) } }
    var pid: pid_t = 0
    let code = posix_spawn(&pid, "/proc/self/exe", &actions, nil, &argv, &envp)
    close(fds[1])
    defer { close(fds[0]) }
    guard code == 0 else { return ["fresh-process load: posix_spawn failed (\(code))"] }
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = buffer.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, 4096) }
        if n <= 0 { break }
        output += buffer[0..<n]
    }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init).filter {
        $0.hasPrefix("fresh process")
    }
}

/// The child's side: open, measure, report, close.
private func measureLoadOnly(dataDirectory: String) -> [String] {
    let before = residentBytes()
    let start = ContinuousClock.now
    let cpuStart = Glibc.clock()
    guard let repository = try? EnrollmentRepository.open(dataDirectory: dataDirectory, now: { 1 }, log: { _ in })
    else { return ["fresh process: open failed"] }
    let elapsed = ContinuousClock.now - start
    let cpu = (Int(Glibc.clock()) - Int(cpuStart)) / 1000
    let after = residentBytes()
    let users = repository.userCount
    repository.close()
    let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
    return [
        "fresh process: load from snapshot + tail (\(users) users): \(milliseconds) ms (\(cpu) ms CPU)",
        "fresh process: resident \(before >> 20) MiB before open, \(after >> 20) MiB after, "
            + "\((after - before) / max(1, users)) bytes per user",
    ]
}
