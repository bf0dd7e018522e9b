import Testing

@testable import Templating

/// The spec's delimiters.yml, every case.
struct SpecDelimitersTests {
    static let cases: [SpecCase] = [
        SpecCase("Pair Behavior", "{{=<% %>=}}(<%text%>)", ["text": "Hey!"], "(Hey!)"),
        SpecCase("Special Characters", "({{=[ ]=}}[text])", ["text": "It worked!"], "(It worked!)"),
        SpecCase(
            "Sections",
            "[\n{{#section}}\n  {{data}}\n  |data|\n{{/section}}\n\n{{= | | =}}\n|#section|\n  {{data}}\n  |data|\n|/section|\n]\n",
            ["section": true, "data": "I got interpolated."],
            "[\n  I got interpolated.\n  |data|\n\n  {{data}}\n  I got interpolated.\n]\n"),
        SpecCase(
            "Inverted Sections",
            "[\n{{^section}}\n  {{data}}\n  |data|\n{{/section}}\n\n{{= | | =}}\n|^section|\n  {{data}}\n  |data|\n|/section|\n]\n",
            ["section": false, "data": "I got interpolated."],
            "[\n  I got interpolated.\n  |data|\n\n  {{data}}\n  I got interpolated.\n]\n"),
        SpecCase(
            "Partial Inheritence", "[ {{>include}} ]\n{{= | | =}}\n[ |>include| ]\n", ["value": "yes"],
            partials: ["include": ".{{value}}."], "[ .yes. ]\n[ .yes. ]\n"),
        SpecCase(
            "Post-Partial Behavior", "[ {{>include}} ]\n[ .{{value}}.  .|value|. ]\n", ["value": "yes"],
            partials: ["include": ".{{value}}. {{= | | =}} .|value|."], "[ .yes.  .yes. ]\n[ .yes.  .|value|. ]\n"),
        SpecCase("Surrounding Whitespace", "| {{=@ @=}} |", [:], "|  |"),
        SpecCase("Outlying Whitespace (Inline)", " | {{=@ @=}}\n", [:], " | \n"),
        SpecCase("Standalone Tag", "Begin.\n{{=@ @=}}\nEnd.\n", [:], "Begin.\nEnd.\n"),
        SpecCase("Indented Standalone Tag", "Begin.\n  {{=@ @=}}\nEnd.\n", [:], "Begin.\nEnd.\n"),
        SpecCase("Standalone Line Endings", "|\r\n{{= @ @ =}}\r\n|", [:], "|\r\n|"),
        SpecCase("Standalone Without Previous Line", "  {{=@ @=}}\n=", [:], "="),
        SpecCase("Standalone Without Newline", "=\n  {{=@ @=}}", [:], "=\n"),
        SpecCase("Pair with Padding", "|{{= @   @ =}}|", [:], "||"),
    ]

    @Test(arguments: cases)
    func rendersAsTheSpecSays(_ specCase: SpecCase) throws {
        #expect(try specCase.render() == specCase.expected)
    }
}
