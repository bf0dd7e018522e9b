import Testing

@testable import Templating

/// The spec's comments.yml, every case.
struct SpecCommentsTests {
    static let cases: [SpecCase] = [
        SpecCase("Inline", "12345{{! Comment Block! }}67890", [:], "1234567890"),
        SpecCase("Multiline", "12345{{!\n  This is a\n  multi-line comment...\n}}67890\n", [:], "1234567890\n"),
        SpecCase("Standalone", "Begin.\n{{! Comment Block! }}\nEnd.\n", [:], "Begin.\nEnd.\n"),
        SpecCase("Indented Standalone", "Begin.\n  {{! Indented Comment Block! }}\nEnd.\n", [:], "Begin.\nEnd.\n"),
        SpecCase("Standalone Line Endings", "|\r\n{{! Standalone Comment }}\r\n|", [:], "|\r\n|"),
        SpecCase("Standalone Without Previous Line", "  {{! I'm Still Standalone }}\n!", [:], "!"),
        SpecCase("Standalone Without Newline", "!\n  {{! I'm Still Standalone }}", [:], "!\n"),
        SpecCase(
            "Multiline Standalone", "Begin.\n{{!\nSomething's going on here...\n}}\nEnd.\n", [:], "Begin.\nEnd.\n"),
        SpecCase(
            "Indented Multiline Standalone", "Begin.\n  {{!\n    Something's going on here...\n  }}\nEnd.\n", [:],
            "Begin.\nEnd.\n"),
        SpecCase("Indented Inline", "  12 {{! 34 }}\n", [:], "  12 \n"),
        SpecCase("Surrounding Whitespace", "12345 {{! Comment Block! }} 67890", [:], "12345  67890"),
        SpecCase(
            "Variable Name Collision", "comments never show: >{{! comment }}<",
            ["! comment": 1, "! comment ": 2, "!comment": 3, "comment": 4], "comments never show: ><"),
    ]

    @Test(arguments: cases)
    func rendersAsTheSpecSays(_ specCase: SpecCase) throws {
        #expect(try specCase.render() == specCase.expected)
    }
}
