import Glibc
import Storage
import TestSupport
import Testing

@testable import Enrollment

/// Kills a child process that commits operations with SIGKILL at random moments, then checks after each kill
/// that every operation is whole or absent, and that every operation the child reported committed is whole.
///
/// The child is this test binary itself (`/proc/self/exe`), started with `childDirectoryVariable` set and a
/// filter selecting `crashChild`, which only runs its loop when that variable is set. It reports each committed
/// operation ID on file descriptor 3.
struct CrashRecoveryTests {
    static let childDirectoryVariable = "ENROLLMENT_REPOSITORY_CRASH_CHILD_DIR"

    @Test func crashChild() throws {
        guard let dir = getenv(Self.childDirectoryVariable).map({ String(cString: $0) }) else { return }
        var repository: EnrollmentRepository?
        for _ in 0..<200 where repository == nil {
            repository = try? EnrollmentRepository.open(dataDirectory: dir + "/data", now: { 1 }, log: { _ in })
            if repository == nil { usleep(10_000) }
        }
        guard let repository else { return }
        while true {
            let rows = Int.random(in: 1...40)
            let spool = dir + "/spool"
            try AtomicFile.write(path: spool, bytes: Array("rows".utf8))
            let op = try repository.createOperation(
                kind: .userImport, fileName: "k=\(rows)", uploadedBy: "child", uploadedFile: spool,
                resendInvitations: false)
            let run = try repository.beginRun(operationID: op.id)
            for row in 0..<rows {
                let email = "o\(op.id)-\(row)@x.org"
                run.put(User(email: email, firstName: "F\(row)", lastName: "L", createdAt: 1, updatedAt: 1))
                try run.record(RowResult(rowNumber: row + 2, email: email, action: .new, outcome: .created))
                run.reportProgress(processedRows: row + 1, totalRows: nil)
            }
            if op.id > 2 {
                run.remove(key: "o\(op.id - 2)-0@x.org")
                try run.record(RowResult(rowNumber: rows + 2, email: "-", action: .delete, outcome: .deleted))
            }
            try run.commit()
            let line = Array("\(op.id)\n".utf8)
            // The test process is gone (EPIPE, when SIGPIPE is ignored): nobody will kill this child, so it ends.
            guard line.withUnsafeBytes({ Glibc.write(3, $0.baseAddress, $0.count) }) == line.count else { return }
        }
    }

    @Test func committedOperationsSurviveSIGKILL() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var reported: Set<Int64> = []
        var kills = 0
        var rng = SystemRandomNumberGenerator()
        while kills < 20 {
            let (pid, output) = try Self.spawnChild(directory: dir.path)
            usleep(UInt32.random(in: 60_000...400_000, using: &rng))
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            kills += 1
            reported.formUnion(Self.readAll(output).split(separator: "\n").compactMap { Int64($0) })
            close(output)
            try Self.verify(dataDirectory: dir.path + "/data", reported: reported)
        }
        print("crash test: \(kills) kills, \(reported.count) committed operations reported")
        #expect(reported.count > 0, "the child committed nothing before being killed")
    }

    /// While another process owns the data folder, opening it fails with an error naming the folder and that
    /// process; once it is gone (even killed), the folder opens.
    @Test func secondProcessIsRefusedWithTheOwnersPID() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (pid, output) = try Self.spawnChild(directory: dir.path)
        defer { close(output) }
        var byte: UInt8 = 0
        let got = read(output, &byte, 1)  // the child has committed once: it holds the lock
        #expect(got == 1)
        let data = dir.path + "/data"
        #expect(throws: RepositoryError.storage(.folderLocked(folder: data, pid: pid))) {
            try EnrollmentRepository.open(dataDirectory: data, now: { 3 }, log: { _ in })
        }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let repository = try EnrollmentRepository.open(dataDirectory: data, now: { 3 }, log: { _ in })
        repository.close()
    }

    /// Every operation is completed whole (all its users and results) or interrupted with nothing applied.
    static func verify(dataDirectory: String, reported: Set<Int64>) throws {
        let repository = try EnrollmentRepository.open(dataDirectory: dataDirectory, now: { 2 }, log: { _ in })
        defer { repository.close() }
        let records = repository.operations(kind: .userImport, offset: 0, limit: Int.max).records
        let completed = Set(records.filter { $0.state == .completed }.map(\.id))
        var expectedUsers = 0
        for record in records {
            let rows = Int(record.fileName.dropFirst(2)) ?? -1
            let present = (0..<rows).filter { repository.user(forKey: "o\(record.id)-\($0)@x.org") != nil }
            switch record.state {
            case .completed:
                let removed = completed.contains(record.id + 2) ? 1 : 0
                #expect(present.count == rows - removed, "operation \(record.id) applied partly")
                expectedUsers += present.count
                let results = try repository.results(operationID: record.id, outcome: nil, offset: 0, limit: 100)
                let expectedRows = rows + (record.id > 2 ? 1 : 0)
                #expect(results.total == expectedRows && record.counts.total == expectedRows)
            case .interrupted:
                #expect(present.isEmpty, "interrupted operation \(record.id) left users")
                #expect(!reported.contains(record.id), "reported operation \(record.id) was lost")
            default:
                Issue.record("operation \(record.id) is \(record.state.rawValue) after reopening")
            }
        }
        #expect(reported.isSubset(of: completed))
        #expect(repository.userCount == expectedUsers)
    }

    static func spawnChild(directory: String) throws -> (pid: pid_t, output: Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw StorageError.system(operation: "pipe", path: "-", errno: errno) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 3)
        // The child holds only the write end, as fd 3: a child whose test process died (a run cut short) gets
        // EPIPE at its next report and ends, instead of filling a pipe whose read end it holds itself.
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let arguments = [
            "/proc/self/exe", "--testing-library", "swift-testing", "--filter", "CrashRecoveryTests/crashChild",
        ]
        var environment = ["\(childDirectoryVariable)=\(directory)"]
        if let path = getenv("PATH") { environment.append("PATH=" + String(cString: path)) }
        var argv = arguments.map { strdup($0) } + [nil]
        var envp = environment.map { strdup($0) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, "/proc/self/exe", &actions, nil, &argv, &envp)
        close(fds[1])
        guard code == 0 else {
            throw StorageError.system(operation: "posix_spawn", path: "/proc/self/exe", errno: code)
        }
        return (pid, fds[0])
    }

    static func readAll(_ fd: Int32) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) }
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
