/// What a rule made of one row: its result, and the mail it asks for, if any.
///
/// Directory changes are already staged on the `UserDirectoryEditing` the rule was given; the caller records the
/// result and queues the mail.
public struct RuleDecision: Sendable, Equatable {
    /// The row's one result.
    public var result: RowResult
    /// The invitation or activation notice the row asks for.
    public var mail: MailIntent? {
        get { decidedMail?.intent }
        set { decidedMail = newValue.map(DecidedMail.intent) }
    }
    /// Whether `mail` goes to the user the row staged, its email and names that record's (see
    /// `OperationSink.queueMail(_:toUserJustStaged:)`).
    public var isMailToStagedUser: Bool
    /// The mail, in full or as its kind and the cells of the user it goes to.
    private(set) var decidedMail: DecidedMail?

    /// The mail of a decision. An invitation after a New row is kept as its kind and row with the row's cells
    /// (the user's record by then): a sink that writes only the kind and row (`OperationRun`) needs no strings,
    /// and one that keeps the mail in full makes it from the cells.
    enum DecidedMail: Sendable {
        case intent(MailIntent)
        case toProfile(MailKind, ProfileBytes, operationID: Int64, rowNumber: Int)

        /// The mail in full.
        var intent: MailIntent {
            switch self {
            case .intent(let intent): intent
            case .toProfile(let kind, let profile, let operationID, let rowNumber):
                profile.mail(kind, operationID: operationID, rowNumber: rowNumber)
            }
        }
    }

    /// A decision with an optional mail.
    public init(result: RowResult, mail: MailIntent? = nil, isMailToStagedUser: Bool = false) {
        self.result = result
        decidedMail = mail.map(DecidedMail.intent)
        self.isMailToStagedUser = isMailToStagedUser
    }

    /// A decision whose mail, of `kind`, goes to the user the row staged, as these cells describe it.
    init(result: RowResult, mailToStagedUser kind: MailKind, profile: ProfileBytes, operationID: Int64) {
        decidedMail = .toProfile(kind, profile, operationID: operationID, rowNumber: result.rowNumber)
        self.result = result
        isMailToStagedUser = true
    }

    public static func == (lhs: RuleDecision, rhs: RuleDecision) -> Bool {
        lhs.result == rhs.result && lhs.mail == rhs.mail && lhs.isMailToStagedUser == rhs.isMailToStagedUser
    }
}
