/// The rules of the import, applied to one row at a time in file order.
///
/// Checks, in order: the field count ("expected 8 fields, found 7"), the email (WHATWG; "Ignored: invalid email
/// format"), the User Status (`Failed: unknown User Status "X"`), then the action against the directory, whose
/// staged changes earlier rows made (so Delete then New of one email works). Every row gets exactly one result.
public enum ImportRules {
    /// Applies `row` to `directory`, staging its change, and returns its result and mail.
    /// `now` (milliseconds since 1970) stamps created and changed users; `operationID` goes into the mail.
    public static func apply(
        _ row: ImportRow, to directory: inout some UserDirectoryEditing, now: Int64, operationID: Int64
    ) -> RuleDecision {
        let action = RequestedAction(importStatus: row.status)
        func result(_ outcome: RowOutcome, _ reason: String = "") -> RuleDecision {
            RuleDecision(
                result: RowResult(
                    rowNumber: row.rowNumber, email: row.email, action: action, outcome: outcome, reason: reason))
        }
        guard row.hasExpectedFieldCount else {
            return result(.failed, "expected \(row.expectedFieldCount) fields, found \(row.fieldCount)")
        }
        guard EmailAddress.isValid(row.email) else { return result(.ignored, "Ignored: invalid email format") }
        guard let action, action != .invite else {
            return result(
                .failed,
                row.status.isEmpty ? "Failed: User Status is empty" : "Failed: unknown User Status \"\(row.status)\"")
        }
        let key = User.key(forEmail: row.email)
        let existing = directory.user(forKey: key)
        switch action {
        case .new:
            if existing != nil { return result(.skipped, "Skipped: user already exists") }
            if let missing = missingNames(row) { return result(.failed, missing) }
            let user = User(
                email: row.email, firstName: row.firstName, lastName: row.lastName, alternateID: row.alternateID,
                workPhone: row.workPhone, title: row.title, department: row.department, state: .invited,
                createdAt: now, updatedAt: now)
            directory.put(user)
            var decision = result(.created)
            decision.mail = mail(.invitation, to: user, row: row, operationID: operationID)
            return decision
        case .update:
            guard var user = existing else { return result(.failed, "Failed: no such user") }
            if user.applyNonEmptyCells(of: row) {
                user.updatedAt = now
                directory.put(user)
            }
            return result(.updated)
        case .delete:
            guard existing != nil else { return result(.failed, "Failed: no such user") }
            directory.remove(key: key)
            return result(.deleted)
        case .activate, .invite:
            guard var user = existing else { return result(.failed, "Failed: no such user") }
            if user.state == .active { return result(.skipped, "Skipped: already active") }
            user.state = .active
            user.updatedAt = now
            directory.put(user)
            var decision = result(.activated)
            decision.mail = mail(.activation, to: user, row: row, operationID: operationID)
            return decision
        }
    }

    /// The reason a New row fails for want of names, or nil when it has both.
    static func missingNames(_ row: ImportRow) -> String? {
        switch (row.firstName.isEmpty, row.lastName.isEmpty) {
        case (true, true): "Failed: First Name and Last Name are required"
        case (true, false): "Failed: First Name is required"
        case (false, true): "Failed: Last Name is required"
        case (false, false): nil
        }
    }

    static func mail(_ kind: MailKind, to user: User, row: ImportRow, operationID: Int64) -> MailIntent {
        MailIntent(
            kind: kind, email: user.email, firstName: user.firstName, lastName: user.lastName,
            operationID: operationID, rowNumber: row.rowNumber)
    }
}
