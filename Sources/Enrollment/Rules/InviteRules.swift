/// The rules of a bulk invite, applied to one entry at a time in file order; remembers the addresses seen.
///
/// In order: an invalid address (WHATWG) is *Ignored: invalid email format*; a valid address seen earlier in the
/// file, ignoring case, is *Duplicate in file* (each repeat); an existing user is *Skipped: already a user*, except
/// that with `resendInvitations` a user still *Invited* is *Re-invited* with a new invitation; an *Inactive* user
/// is always skipped (re-inviting would not make them active); anyone else becomes an *Invited* user with an
/// invitation. One value per file; not thread-safe.
public struct InviteRules {
    /// Whether users still invited get their invitation again.
    public let resendInvitations: Bool
    /// Keys of the valid addresses seen so far.
    private var seen: Set<DirectoryKey> = []

    /// Rules for one file.
    public init(resendInvitations: Bool = false) {
        self.resendInvitations = resendInvitations
    }

    /// Applies `entry` to `directory`, staging a new user, and returns its result and mail.
    public mutating func apply(
        _ entry: InviteReader.Entry, to directory: inout some UserDirectoryEditing, now: Int64, operationID: Int64
    ) -> RuleDecision {
        func result(_ outcome: RowOutcome, _ reason: String = "") -> RowResult {
            RowResult(
                rowNumber: entry.rowNumber, email: entry.address, action: .invite, outcome: outcome, reason: reason)
        }
        guard EmailAddress.isValid(entry.address) else {
            return RuleDecision(result: result(.ignored, "Ignored: invalid email format"))
        }
        // One key, made once, for the repeat check, the look-up and the put (a `String` key was lower-cased, then
        // wrapped and hashed again for each).
        let key = DirectoryKey(forEmail: entry.address)
        guard seen.insert(key).inserted else { return RuleDecision(result: result(.duplicate, "Duplicate in file")) }
        if let user = directory.user(forKey: key) {
            guard resendInvitations && user.state == .invited else {
                return RuleDecision(result: result(.skipped, "Skipped: already a user"))
            }
            return RuleDecision(result: result(.reinvited), mail: invitation(to: user, entry, operationID))
        }
        let user = User(email: entry.address, state: .invited, createdAt: now, updatedAt: now)
        directory.put(user, key: key)
        return RuleDecision(
            result: result(.invited), mail: invitation(to: user, entry, operationID), isMailToStagedUser: true)
    }

    private func invitation(to user: User, _ entry: InviteReader.Entry, _ operationID: Int64) -> MailIntent {
        MailIntent(
            kind: .invitation, email: user.email, firstName: user.firstName, lastName: user.lastName,
            operationID: operationID, rowNumber: entry.rowNumber)
    }
}
