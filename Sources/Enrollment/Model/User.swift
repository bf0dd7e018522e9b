/// A person in the directory.
///
/// `email` keeps the spelling first given; uniqueness and look-ups use `key` (lower-cased), so
/// `Ann@Example.com` and `ann@example.com` are one user.
public struct User: Sendable, Equatable {
    public var email: String
    public var firstName: String
    public var lastName: String
    public var alternateID: String
    public var workPhone: String
    public var title: String
    public var department: String
    public var state: UserState
    /// Milliseconds since 1970-01-01 UTC.
    public var createdAt: Int64
    /// Milliseconds since 1970-01-01 UTC.
    public var updatedAt: Int64

    public init(
        email: String, firstName: String = "", lastName: String = "", alternateID: String = "",
        workPhone: String = "", title: String = "", department: String = "", state: UserState = .invited,
        createdAt: Int64 = 0, updatedAt: Int64 = 0
    ) {
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.alternateID = alternateID
        self.workPhone = workPhone
        self.title = title
        self.department = department
        self.state = state
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The directory key of this user: the email lower-cased.
    public var key: String { User.key(forEmail: email) }

    /// The directory key for an email address: ASCII letters lower-cased, everything else kept.
    public static func key(forEmail email: String) -> String {
        // Most addresses are already lower-case: return the same string (sharing its storage) without copying.
        if !email.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { return email }
        var bytes = Array(email.utf8)
        for i in bytes.indices where bytes[i] >= 0x41 && bytes[i] <= 0x5A { bytes[i] |= 0x20 }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Where a user stands: invited and not yet active, active, or made inactive.
public enum UserState: String, Sendable, CaseIterable {
    case invited = "Invited"
    case active = "Active"
    case inactive = "Inactive"
}
