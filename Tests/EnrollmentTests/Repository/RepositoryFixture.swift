import Glibc
import Storage
import Synchronization
import TestSupport

@testable import Enrollment

/// A repository on a fresh temporary folder with a settable clock, and helpers to run operations.
final class RepositoryFixture: Sendable {
    let dir = TemporaryDirectory()
    let clock = Mutex<Int64>(1_700_000_000_000)
    let messages = Mutex<[String]>([])

    var path: String { dir.path + "/data" }

    func open() throws -> EnrollmentRepository {
        try EnrollmentRepository.open(
            dataDirectory: path, now: { self.clock.withLock { $0 } },
            log: { line in self.messages.withLock { $0.append(line) } })
    }

    /// Writes a spool file with `text` and returns its path.
    func spool(_ text: String = "Email ID,First Name,Last Name,User Status\n") throws -> String {
        let path = dir.path + "/spool-\(UInt64.random(in: 0...UInt64.max))"
        try AtomicFile.write(path: path, bytes: Array(text.utf8))
        return path
    }

    func remove() { dir.remove() }

    static func user(_ email: String, first: String = "Ann", last: String = "Lee", state: UserState = .invited)
        -> User
    {
        User(email: email, firstName: first, lastName: last, state: state, createdAt: 1, updatedAt: 1)
    }

    /// Creates, runs and commits an import that puts `users` and removes `removals`, one result per change.
    @discardableResult
    func importUsers(
        _ repository: EnrollmentRepository, _ users: [User], removing removals: [String] = [], mail: Bool = false
    ) throws -> OperationRecord {
        let record = try repository.createOperation(
            kind: .userImport, fileName: "users.csv", uploadedBy: "admin", uploadedFile: try spool(),
            resendInvitations: false)
        let run = try repository.beginRun(operationID: record.id)
        var row = 1
        for user in users {
            row += 1
            run.put(user)
            try run.record(RowResult(rowNumber: row, email: user.email, action: .new, outcome: .created))
            if mail {
                run.queueMail(
                    MailIntent(
                        kind: .invitation, email: user.email, firstName: user.firstName, lastName: user.lastName,
                        operationID: record.id, rowNumber: row))
            }
        }
        for key in removals {
            row += 1
            run.remove(key: key)
            try run.record(RowResult(rowNumber: row, email: key, action: .delete, outcome: .deleted))
        }
        run.reportProgress(processedRows: row - 1, totalRows: row - 1)
        return try run.commit()
    }
}

extension EnrollmentRepository {
    /// Everything observable, for comparing two repositories.
    var signature: String {
        let users = users(matching: "", offset: 0, limit: Int.max).users
        var lines = users.map { "\($0.email)|\($0.firstName)|\($0.lastName)|\($0.state.rawValue)" }
        for kind in OperationKind.allCases {
            for op in operations(kind: kind, offset: 0, limit: Int.max).records {
                lines.append("op \(op.id) \(op.state.rawValue) \(op.counts.total) \(op.reason)")
            }
        }
        lines.append("mail \((try? pendingMail()).map { String($0.count) } ?? "unreadable")")
        return lines.joined(separator: "\n")
    }
}
