/// What a rule made of one row: its result, and the mail it asks for, if any.
///
/// Directory changes are already staged on the `UserDirectoryEditing` the rule was given; the caller records the
/// result and queues the mail.
public struct RuleDecision: Sendable, Equatable {
    /// The row's one result.
    public var result: RowResult
    /// The invitation or activation notice the row asks for.
    public var mail: MailIntent?
    /// Whether `mail` goes to the user the row staged, its email and names that record's (see
    /// `OperationSink.queueMail(_:toUserJustStaged:)`).
    public var isMailToStagedUser: Bool

    /// A decision with an optional mail.
    public init(result: RowResult, mail: MailIntent? = nil, isMailToStagedUser: Bool = false) {
        self.result = result
        self.mail = mail
        self.isMailToStagedUser = isMailToStagedUser
    }

    /// The result and the mail, moved out.
    consuming func parts() -> (result: RowResult, mail: MailIntent?, isMailToStagedUser: Bool) {
        (result, mail, isMailToStagedUser)
    }
}
