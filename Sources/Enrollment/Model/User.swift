import Storage

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
        // Scanned as one contiguous buffer, in place (`withUTF8Bytes`): iterating `utf8` by index cost more than
        // the rest of a row's rules.
        let key: String? = email.withUTF8Bytes { bytes in
            // Most addresses are already lower-case: nil, and the caller shares the string's storage.
            guard let first = bytes.firstIndex(where: isUpperCaseASCII) else { return nil }
            // Written straight into the new string's storage: no intermediate array.
            return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                for index in 0..<bytes.count {
                    let byte = bytes[index]
                    buffer[index] = index >= first ? lowerCasedASCII(byte) : byte
                }
                return bytes.count
            }
        }
        return key ?? email
    }

    /// Whether `byte` is an ASCII capital letter (`A`…`Z`).
    static func isUpperCaseASCII(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }

    /// `byte` lower-cased when it is an ASCII capital letter, else itself.
    static func lowerCasedASCII(_ byte: UInt8) -> UInt8 { isUpperCaseASCII(byte) ? byte | 0x20 : byte }
}

/// Where a user stands: invited and not yet active, active, or made inactive.
public enum UserState: String, Sendable, CaseIterable {
    case invited = "Invited"
    case active = "Active"
    case inactive = "Inactive"
}
