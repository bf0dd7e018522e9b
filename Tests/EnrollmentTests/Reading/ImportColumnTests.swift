import Testing

@testable import Enrollment

struct ImportColumnTests {
    @Test(arguments: [
        ("Email ID", ImportColumn.email), ("email_id", .email), ("EmailId", .email), ("Email", .email),
        ("E-Mail", .email), ("First Name", .firstName), ("first_name", .firstName), ("FIRSTNAME", .firstName),
        ("Last Name", .lastName), ("last-name", .lastName), ("Alternate ID", .alternateID),
        ("alternate_id", .alternateID), ("Work Phone", .workPhone), ("work-phone", .workPhone), ("Title", .title),
        ("DEPARTMENT", .department), ("User Status", .userStatus), ("user_status", .userStatus),
        ("Status", .userStatus), ("\tStatus ", .userStatus),
    ])
    func mapsHeaderNames(name: String, column: ImportColumn) {
        #expect(ImportColumn(headerName: name) == column)
    }

    @Test(arguments: ["Nickname", "Email Address", "Name", "", "Phone", "Emails", "Stat us x"])
    func leavesOtherNamesUnknown(name: String) {
        #expect(ImportColumn(headerName: name) == nil)
    }

    @Test func spellsColumnsAsTheDocumentationDoes() {
        #expect(
            ImportColumn.allCases.map(\.displayName) == [
                "Email ID", "First Name", "Last Name", "Alternate ID", "Work Phone", "Title", "Department",
                "User Status",
            ])
        #expect(ImportColumn.allCases.filter(\.isRequired) == [.email, .firstName, .lastName, .userStatus])
    }
}
