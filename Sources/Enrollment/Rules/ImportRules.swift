/// The rules of the import, applied to one row at a time in file order.
///
/// Checks, in order: the field count ("expected 8 fields, found 7"), the email (WHATWG; "Ignored: invalid email
/// format"), the User Status (`Failed: unknown User Status "X"`), then the action against the directory, whose
/// staged changes earlier rows made (so Delete then New of one email works). Every row gets exactly one result.
public enum ImportRules {
    /// Applies `row` to `directory`, staging its change, and returns its result and mail.
    /// `now` (milliseconds since 1970) stamps created and changed users; `operationID` goes into the mail.
    public static func apply(
        _ row: consuming ImportRow, to directory: inout some UserDirectoryEditing, now: Int64, operationID: Int64
    ) -> RuleDecision {
        var context = Context(
            rowNumber: row.rowNumber, email: row.email, action: row.action, operationID: operationID)
        guard row.hasExpectedFieldCount else {
            return context.result(.failed, "expected \(row.expectedFieldCount) fields, found \(row.fieldCount)")
        }
        guard row.isEmailValid else { return context.result(.ignored, "Ignored: invalid email format") }
        guard let action = context.action, action != .invite else {
            context.action = nil
            let status = row.status
            let reason = status.isEmpty ? "Failed: User Status is empty" : "Failed: unknown User Status \"\(status)\""
            return context.result(.failed, reason)
        }
        let key = row.emailKey
        switch action {
        case .new:
            if directory.containsUser(forKey: key) { return context.result(.skipped, "Skipped: user already exists") }
            return create(&row, context, key: key, in: &directory, now: now)
        case .update:
            // On the records' bytes: the user is not decoded.
            guard directory.update(key: key, withCellsOf: row, now: now) != nil else {
                return context.result(.failed, "Failed: no such user")
            }
            return context.result(.updated)
        case .delete:
            guard directory.containsUser(forKey: key) else { return context.result(.failed, "Failed: no such user") }
            directory.remove(key: key)
            return context.result(.deleted)
        case .activate, .invite:
            guard var user = directory.user(forKey: key) else { return context.result(.failed, "Failed: no such user") }
            if user.state == .active { return context.result(.skipped, "Skipped: already active") }
            user.state = .active
            user.updatedAt = now
            directory.put(user, key: key)
            return context.result(.activated, mail: context.mail(.activation, to: user), isToStagedUser: true)
        }
    }

    /// New, for an email not taken: an invited user and an invitation, unless a name is missing. The row's cells
    /// become the user's record (`putNewUser`): the row is not used after.
    private static func create(
        _ row: inout ImportRow, _ context: Context, key: DirectoryKey, in directory: inout some UserDirectoryEditing,
        now: Int64
    ) -> RuleDecision {
        let (firstName, lastName) = (row.firstName, row.lastName)
        switch (firstName.isEmpty, lastName.isEmpty) {
        case (true, true): return context.result(.failed, "Failed: First Name and Last Name are required")
        case (true, false): return context.result(.failed, "Failed: First Name is required")
        case (false, true): return context.result(.failed, "Failed: Last Name is required")
        case (false, false): break
        }
        let mail = MailIntent(
            kind: .invitation, email: row.email, firstName: firstName, lastName: lastName,
            operationID: context.operationID, rowNumber: context.rowNumber)
        directory.putNewUser(from: &row, key: key, now: now)
        return context.result(.created, mail: mail, isToStagedUser: true)
    }

    /// Moves `value` out, leaving "": a swap, where a copy would retain the string now and release it again with
    /// the user.
    private static func take(_ value: inout String) -> String {
        var taken = ""
        swap(&taken, &value)
        return taken
    }

    /// What the decisions about a row carry: only the row's number and email, not a copy of all its cells.
    private struct Context {
        let rowNumber: Int
        let email: String
        var action: RequestedAction?
        let operationID: Int64

        func result(
            _ outcome: RowOutcome, _ reason: String = "", mail: MailIntent? = nil, isToStagedUser: Bool = false
        ) -> RuleDecision {
            let result = RowResult(
                rowNumber: rowNumber, email: email, action: action, outcome: outcome, reason: reason)
            return RuleDecision(result: result, mail: mail, isMailToStagedUser: isToStagedUser)
        }

        /// The mail to `user`, whose strings it takes over (callers pass a user they are done with).
        func mail(_ kind: MailKind, to user: consuming User) -> MailIntent {
            MailIntent(
                kind: kind, email: take(&user.email), firstName: take(&user.firstName),
                lastName: take(&user.lastName), operationID: operationID, rowNumber: rowNumber)
        }
    }
}
