import Testing

@testable import Enrollment

struct ImportRowTests {
    /// The email's validity and key are worked out with the row, from a record or the factory, and follow a
    /// changed email.
    @Test func carriesTheEmailsValidityAndKey() throws {
        let header = try ImportHeader(Record(line: 1, fields: ["Email ID", "First Name", "Last Name", "User Status"]))
        let row = ImportRow(Record(line: 2, fields: [" Ann.Lee@Example.COM ", "Ann", "Lee", "New"]), header: header)
        #expect(row.email == "Ann.Lee@Example.COM")
        #expect(row.isEmailValid && row.emailKey.string == "ann.lee@example.com")
        var changed = ImportRow(rowNumber: 3, email: "not an email", status: "New")
        #expect(!changed.isEmailValid && changed.emailKey.string == "not an email")
        changed.email = "Zoe@X.org"
        #expect(changed.isEmailValid && changed.emailKey.string == "zoe@x.org")
    }
}
