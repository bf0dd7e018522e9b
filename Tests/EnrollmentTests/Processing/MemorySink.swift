@testable import Enrollment

/// An `OperationSink` in memory: a directory of users plus everything an operation sends it.
struct MemorySink: OperationSink {
    var operationID: Int64 = 7
    var users: [String: User] = [:]
    var results: [RowResult] = []
    var progress: [(processedRows: Int, totalRows: Int?)] = []
    var warnings: [String] = []
    var mail: [MailIntent] = []
    /// Makes `record` throw from this many results on, to test a failing sink.
    var failsAfter: Int?

    struct Full: Error {}

    init(_ users: [User] = []) {
        for user in users { self.users[user.key] = user }
    }

    func user(forKey key: DirectoryKey) -> User? { users[key.string] }
    mutating func put(_ user: User, key: DirectoryKey) { users[key.string] = user }
    mutating func remove(key: DirectoryKey) { users[key.string] = nil }

    mutating func record(_ result: RowResult) throws {
        if let failsAfter, results.count >= failsAfter { throw Full() }
        results.append(result)
    }

    mutating func reportProgress(processedRows: Int, totalRows: Int?) {
        progress.append((processedRows, totalRows))
    }

    mutating func addWarning(_ warning: String) { warnings.append(warning) }
    mutating func queueMail(_ intent: MailIntent) { mail.append(intent) }
}

extension User {
    /// A user with defaults, for tests.
    static func make(_ email: String, state: UserState = .invited, firstName: String = "Ann", lastName: String = "Lee")
        -> User
    {
        User(
            email: email, firstName: firstName, lastName: lastName, alternateID: "A1", workPhone: "555", title: "Boss",
            department: "IT", state: state, createdAt: 1, updatedAt: 1)
    }
}
