/// An email an operation asks for; queued to the outbox only when its operation commits.
public struct MailIntent: Sendable, Equatable {
    public var kind: MailKind
    public var email: String
    public var firstName: String
    public var lastName: String
    /// The operation that caused it.
    public var operationID: Int64
    /// The row of that operation that caused it.
    public var rowNumber: Int

    public init(kind: MailKind, email: String, firstName: String, lastName: String, operationID: Int64, rowNumber: Int)
    {
        self.kind = kind
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.operationID = operationID
        self.rowNumber = rowNumber
    }
}

/// The kinds of mail the console sends.
public enum MailKind: String, Sendable, CaseIterable {
    case invitation
    case activation
}
