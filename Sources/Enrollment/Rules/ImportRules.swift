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
        let verdict = decide(&row, in: &directory, now: now, operationID: operationID)
        let result = verdict.result(of: row)
        if let mail = verdict.activationMail {
            return RuleDecision(result: result, mail: mail, isMailToStagedUser: true)
        }
        if verdict.invitesStagedUser {
            return RuleDecision(
                result: result, mailToStagedUser: .invitation, profile: row.profile, operationID: operationID)
        }
        return RuleDecision(result: result)
    }

    /// What the rules made of a row, for a caller that still holds the row: its result but for the email, which
    /// `result(of:)` reads from the row's cells, and its mail. Small, and copied and destroyed inline: packaged as
    /// a `RuleDecision`, the result and the mail went through outlined value witnesses, ~500 instructions a row.
    struct Verdict {
        var outcome: RowOutcome
        /// Why, for the report ("" for plain successes).
        var reason: String = ""
        /// The row's action, nil when its User Status could not be read.
        var action: RequestedAction?
        /// Whether the row created a user, who gets an invitation: its email and names are the row's cells.
        var invitesStagedUser = false
        /// The activation notice of a user the row activated (the user's record has its names, not the row).
        var activationMail: MailIntent?

        /// The result of `row`, whose verdict this is, its email read from the row's cells.
        func result(of row: borrowing ImportRow) -> RowResult {
            RowResult(rowNumber: row.rowNumber, emailOf: row.profile, action: action, outcome: outcome, reason: reason)
        }
    }

    /// Applies `row` to `directory`, staging its change, and returns the verdict; a New row's cells become the
    /// user it creates (`putNewUser`), and `row` reads its email and names from that record after.
    static func decide(
        _ row: inout ImportRow, in directory: inout some UserDirectoryEditing, now: Int64, operationID: Int64
    ) -> Verdict {
        guard row.hasExpectedFieldCount else {
            return Verdict(
                outcome: .failed, reason: "expected \(row.expectedFieldCount) fields, found \(row.fieldCount)",
                action: row.action)
        }
        guard row.isEmailValid else {
            return Verdict(outcome: .ignored, reason: "Ignored: invalid email format", action: row.action)
        }
        guard let action = row.action, action != .invite else {
            let status = row.status
            let reason = status.isEmpty ? "Failed: User Status is empty" : "Failed: unknown User Status \"\(status)\""
            return Verdict(outcome: .failed, reason: reason)
        }
        let key = row.emailKey
        switch action {
        case .new:
            if directory.containsUser(forKey: key) {
                return Verdict(outcome: .skipped, reason: "Skipped: user already exists", action: action)
            }
            switch (row.isEmpty(.firstName), row.isEmpty(.lastName)) {
            case (true, true):
                return Verdict(
                    outcome: .failed, reason: "Failed: First Name and Last Name are required", action: action)
            case (true, false):
                return Verdict(outcome: .failed, reason: "Failed: First Name is required", action: action)
            case (false, true):
                return Verdict(outcome: .failed, reason: "Failed: Last Name is required", action: action)
            case (false, false): break
            }
            directory.putNewUser(from: &row, key: key, now: now)
            return Verdict(outcome: .created, action: action, invitesStagedUser: true)
        case .update:
            // On the records' bytes: the user is not decoded.
            guard directory.update(key: key, withCellsOf: row, now: now) != nil else {
                return Verdict(outcome: .failed, reason: "Failed: no such user", action: action)
            }
            return Verdict(outcome: .updated, action: action)
        case .delete:
            guard directory.containsUser(forKey: key) else {
                return Verdict(outcome: .failed, reason: "Failed: no such user", action: action)
            }
            directory.remove(key: key)
            return Verdict(outcome: .deleted, action: action)
        case .activate, .invite:
            guard var user = directory.user(forKey: key) else {
                return Verdict(outcome: .failed, reason: "Failed: no such user", action: action)
            }
            if user.state == .active {
                return Verdict(outcome: .skipped, reason: "Skipped: already active", action: action)
            }
            user.state = .active
            user.updatedAt = now
            directory.put(user, key: key)
            let mail = mail(.activation, to: user, operationID: operationID, rowNumber: row.rowNumber)
            return Verdict(outcome: .activated, action: action, activationMail: mail)
        }
    }

    /// The mail to `user`, whose strings it takes over (callers pass a user they are done with).
    private static func mail(_ kind: MailKind, to user: consuming User, operationID: Int64, rowNumber: Int)
        -> MailIntent
    {
        MailIntent(
            kind: kind, email: take(&user.email), firstName: take(&user.firstName), lastName: take(&user.lastName),
            operationID: operationID, rowNumber: rowNumber)
    }

    /// Moves `value` out, leaving "": a swap, where a copy would retain the string now and release it again with
    /// the user.
    private static func take(_ value: inout String) -> String {
        var taken = ""
        swap(&taken, &value)
        return taken
    }
}
