/// What a rule made of one row: its result, and the mail it asks for, if any.
///
/// Directory changes are already staged on the `UserDirectoryEditing` the rule was given; the caller records the
/// result and queues the mail.
public struct RuleDecision: Sendable, Equatable {
    /// The row's one result.
    public var result: RowResult
    /// The invitation or activation notice the row asks for.
    public var mail: MailIntent?

    /// A decision with an optional mail.
    public init(result: RowResult, mail: MailIntent? = nil) {
        self.result = result
        self.mail = mail
    }

    /// The result and the mail, moved out.
    consuming func parts() -> (result: RowResult, mail: MailIntent?) { (result, mail) }
}
