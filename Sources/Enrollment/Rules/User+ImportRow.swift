extension User {
    /// The user a New row creates: its email and profile cells, `.invited`, created and updated `now`.
    init(newFrom row: ImportRow, now: Int64) {
        self.init(
            email: row.email, firstName: row.firstName, lastName: row.lastName, alternateID: row.alternateID,
            workPhone: row.workPhone, title: row.title, department: row.department, state: .invited, createdAt: now,
            updatedAt: now)
    }

    /// Copies the non-empty profile cells of `row` (names, Alternate ID, Work Phone, Title, Department) onto this
    /// user; empty cells keep the current values. The email spelling and the state are not changed.
    /// Returns whether anything changed.
    mutating func applyNonEmptyCells(of row: ImportRow) -> Bool {
        let before = self
        if !row.firstName.isEmpty { firstName = row.firstName }
        if !row.lastName.isEmpty { lastName = row.lastName }
        if !row.alternateID.isEmpty { alternateID = row.alternateID }
        if !row.workPhone.isEmpty { workPhone = row.workPhone }
        if !row.title.isEmpty { title = row.title }
        if !row.department.isEmpty { department = row.department }
        return self != before
    }
}
