import Testing

@testable import Templating

/// The spec's interpolation.yml. Left out: the three "Decimal Interpolation" cases, since
/// ``TemplateValue`` has no floating-point case.
struct SpecInterpolationTests {
    static let cases: [SpecCase] = [
        SpecCase("No Interpolation", "Hello from {Mustache}!\n", [:], "Hello from {Mustache}!\n"),
        SpecCase("Basic Interpolation", "Hello, {{subject}}!\n", ["subject": "world"], "Hello, world!\n"),
        SpecCase(
            "No Re-interpolation", "{{template}}: {{planet}}", ["template": "{{planet}}", "planet": "Earth"],
            "{{planet}}: Earth"),
        SpecCase(
            "HTML Escaping", "These characters should be HTML escaped: {{forbidden}}\n",
            ["forbidden": "& \" < >"], "These characters should be HTML escaped: &amp; &quot; &lt; &gt;\n"),
        SpecCase(
            "Triple Mustache", "These characters should not be HTML escaped: {{{forbidden}}}\n",
            ["forbidden": "& \" < >"], "These characters should not be HTML escaped: & \" < >\n"),
        SpecCase(
            "Ampersand", "These characters should not be HTML escaped: {{&forbidden}}\n",
            ["forbidden": "& \" < >"], "These characters should not be HTML escaped: & \" < >\n"),
        SpecCase("Basic Integer Interpolation", "\"{{mph}} miles an hour!\"", ["mph": 85], "\"85 miles an hour!\""),
        SpecCase(
            "Triple Mustache Integer Interpolation", "\"{{{mph}}} miles an hour!\"", ["mph": 85],
            "\"85 miles an hour!\""),
        SpecCase(
            "Ampersand Integer Interpolation", "\"{{&mph}} miles an hour!\"", ["mph": 85], "\"85 miles an hour!\""),
        SpecCase("Basic Null Interpolation", "I ({{cannot}}) be seen!", ["cannot": nil], "I () be seen!"),
        SpecCase("Triple Mustache Null Interpolation", "I ({{{cannot}}}) be seen!", ["cannot": nil], "I () be seen!"),
        SpecCase("Ampersand Null Interpolation", "I ({{&cannot}}) be seen!", ["cannot": nil], "I () be seen!"),
        SpecCase("Basic Context Miss Interpolation", "I ({{cannot}}) be seen!", [:], "I () be seen!"),
        SpecCase("Triple Mustache Context Miss Interpolation", "I ({{{cannot}}}) be seen!", [:], "I () be seen!"),
        SpecCase("Ampersand Context Miss Interpolation", "I ({{&cannot}}) be seen!", [:], "I () be seen!"),
        SpecCase(
            "Dotted Names - Basic Interpolation", "\"{{person.name}}\" == \"{{#person}}{{name}}{{/person}}\"",
            ["person": ["name": "Joe"]], "\"Joe\" == \"Joe\""),
        SpecCase(
            "Dotted Names - Triple Mustache Interpolation",
            "\"{{{person.name}}}\" == \"{{#person}}{{{name}}}{{/person}}\"", ["person": ["name": "Joe"]],
            "\"Joe\" == \"Joe\""),
        SpecCase(
            "Dotted Names - Ampersand Interpolation",
            "\"{{&person.name}}\" == \"{{#person}}{{&name}}{{/person}}\"", ["person": ["name": "Joe"]],
            "\"Joe\" == \"Joe\""),
        SpecCase(
            "Dotted Names - Arbitrary Depth", "\"{{a.b.c.d.e.name}}\" == \"Phil\"",
            ["a": ["b": ["c": ["d": ["e": ["name": "Phil"]]]]]], "\"Phil\" == \"Phil\""),
        SpecCase("Dotted Names - Broken Chains", "\"{{a.b.c}}\" == \"\"", ["a": [:]], "\"\" == \"\""),
        SpecCase(
            "Dotted Names - Broken Chain Resolution", "\"{{a.b.c.name}}\" == \"\"",
            ["a": ["b": [:]], "c": ["name": "Jim"]], "\"\" == \"\""),
        SpecCase(
            "Dotted Names - Initial Resolution", "\"{{#a}}{{b.c.d.e.name}}{{/a}}\" == \"Phil\"",
            [
                "a": ["b": ["c": ["d": ["e": ["name": "Phil"]]]]],
                "b": ["c": ["d": ["e": ["name": "Wrong"]]]],
            ], "\"Phil\" == \"Phil\""),
        SpecCase(
            "Dotted Names - Context Precedence", "{{#a}}{{b.c}}{{/a}}", ["a": ["b": [:]], "b": ["c": "ERROR"]], ""),
        SpecCase("Dotted Names are never single keys", "{{a.b}}", ["a.b": "c"], ""),
        SpecCase("Dotted Names - No Masking", "{{a.b}}", ["a.b": "c", "a": ["b": "d"]], "d"),
        SpecCase("Implicit Iterators - Basic Interpolation", "Hello, {{.}}!\n", "world", "Hello, world!\n"),
        SpecCase(
            "Implicit Iterators - HTML Escaping", "These characters should be HTML escaped: {{.}}\n", "& \" < >",
            "These characters should be HTML escaped: &amp; &quot; &lt; &gt;\n"),
        SpecCase(
            "Implicit Iterators - Triple Mustache", "These characters should not be HTML escaped: {{{.}}}\n",
            "& \" < >", "These characters should not be HTML escaped: & \" < >\n"),
        SpecCase(
            "Implicit Iterators - Ampersand", "These characters should not be HTML escaped: {{&.}}\n", "& \" < >",
            "These characters should not be HTML escaped: & \" < >\n"),
        SpecCase(
            "Implicit Iterators - Basic Integer Interpolation", "\"{{.}} miles an hour!\"", 85,
            "\"85 miles an hour!\""),
        SpecCase("Interpolation - Surrounding Whitespace", "| {{string}} |", ["string": "---"], "| --- |"),
        SpecCase("Triple Mustache - Surrounding Whitespace", "| {{{string}}} |", ["string": "---"], "| --- |"),
        SpecCase("Ampersand - Surrounding Whitespace", "| {{&string}} |", ["string": "---"], "| --- |"),
        SpecCase("Interpolation - Standalone", "  {{string}}\n", ["string": "---"], "  ---\n"),
        SpecCase("Triple Mustache - Standalone", "  {{{string}}}\n", ["string": "---"], "  ---\n"),
        SpecCase("Ampersand - Standalone", "  {{&string}}\n", ["string": "---"], "  ---\n"),
        SpecCase("Interpolation With Padding", "|{{ string }}|", ["string": "---"], "|---|"),
        SpecCase("Triple Mustache With Padding", "|{{{ string }}}|", ["string": "---"], "|---|"),
        SpecCase("Ampersand With Padding", "|{{& string }}|", ["string": "---"], "|---|"),
    ]

    @Test(arguments: cases)
    func rendersAsTheSpecSays(_ specCase: SpecCase) throws {
        #expect(try specCase.render() == specCase.expected)
    }
}
