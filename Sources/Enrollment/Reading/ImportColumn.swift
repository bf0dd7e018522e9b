/// A column of an import file that the console understands.
public enum ImportColumn: Int, Sendable, CaseIterable {
    case email
    case firstName
    case lastName
    case alternateID
    case workPhone
    case title
    case department
    case userStatus

    /// The column's name as the documentation spells it ("Email ID", "User Status").
    public var displayName: String {
        switch self {
        case .email: "Email ID"
        case .firstName: "First Name"
        case .lastName: "Last Name"
        case .alternateID: "Alternate ID"
        case .workPhone: "Work Phone"
        case .title: "Title"
        case .department: "Department"
        case .userStatus: "User Status"
        }
    }

    /// Whether a file without this column is refused.
    public var isRequired: Bool {
        switch self {
        case .email, .firstName, .lastName, .userStatus: true
        case .alternateID, .workPhone, .title, .department: false
        }
    }

    /// The column a header cell names, ignoring ASCII case, spaces, underscores and hyphens
    /// (`Email ID`, `email_id`, `EmailId`, `Email`; `Status` for User Status); nil for an unknown name.
    public init?(headerName: String) {
        var key: [UInt8] = []
        for byte in headerName.utf8 where byte != 0x20 && byte != 0x5F && byte != 0x2D && byte != 0x09 {
            key.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        switch String(decoding: key, as: UTF8.self) {
        case "emailid", "email": self = .email
        case "firstname": self = .firstName
        case "lastname": self = .lastName
        case "alternateid": self = .alternateID
        case "workphone": self = .workPhone
        case "title": self = .title
        case "department": self = .department
        case "userstatus", "status": self = .userStatus
        default: return nil
        }
    }
}
