import Testing

@testable import Templating

/// The five-character HTML escaping, on its own and through `{{name}}`.
struct HTMLEscapingTests {
    static let cases: [(String, String)] = [
        ("&", "&amp;"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ("\"", "&quot;"),
        ("'", "&#39;"),
        ("", ""),
        ("plain text", "plain text"),
        ("a&b<c>d\"e'f", "a&amp;b&lt;c&gt;d&quot;e&#39;f"),
        ("&amp;", "&amp;amp;"),
        ("<<>>", "&lt;&lt;&gt;&gt;"),
        // Only those five: no other ASCII punctuation is touched.
        ("/=`!@#$%^*()[]{}", "/=`!@#$%^*()[]{}"),
        // Non-ASCII text is copied byte for byte.
        ("Zoë Ådahl-Nguyễn", "Zoë Ådahl-Nguyễn"),
        ("日本語 <テスト>", "日本語 &lt;テスト&gt;"),
        ("🎉&👩‍👩‍👧", "🎉&amp;👩‍👩‍👧"),
        ("e\u{301}<", "e\u{301}&lt;"),
    ]

    @Test(arguments: cases)
    func escapesExactlyTheFiveSpecialCharacters(_ input: String, _ expected: String) throws {
        #expect(HTMLEscaping.escape(input) == expected)
        let library = try TemplateLibrary(templates: ["t": "[{{v}}|{{{v}}}|{{& v}}]"])
        #expect(try library.render("t", ["v": .string(input)]) == "[\(expected)|\(input)|\(input)]")
    }

    @Test func escapesLongTextWithSpecialsAtEveryPosition() {
        for length in 1...40 {
            for position in 0..<length {
                var characters = Array(repeating: Character("é"), count: length)
                characters[position] = "<"
                let input = String(characters)
                let expected = input.replacingOccurrences(of: "<", with: "&lt;")
                #expect(HTMLEscaping.escape(input) == expected)
            }
        }
    }

    @Test func appendsToAnExistingBuffer() {
        var output = Array("x=".utf8)
        HTMLEscaping.append(escaping: "'a'", to: &output)
        #expect(String(decoding: output, as: UTF8.self) == "x=&#39;a&#39;")
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
