extension User {
    /// The user a New row creates: its email and profile cells, `.invited`, created and updated `now`.
    init(newFrom row: ImportRow, now: Int64) {
        self.init(
            email: row.email, firstName: row.firstName, lastName: row.lastName, alternateID: row.alternateID,
            workPhone: row.workPhone, title: row.title, department: row.department, state: .invited, createdAt: now,
            updatedAt: now)
    }
}
