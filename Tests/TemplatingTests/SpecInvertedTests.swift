import Testing

@testable import Templating

/// The spec's inverted.yml, every case.
struct SpecInvertedTests {
    static let cases: [SpecCase] = [
        SpecCase(
            "Falsey", "\"{{^boolean}}This should be rendered.{{/boolean}}\"", ["boolean": false],
            "\"This should be rendered.\""),
        SpecCase("Truthy", "\"{{^boolean}}This should not be rendered.{{/boolean}}\"", ["boolean": true], "\"\""),
        SpecCase(
            "Null is falsey", "\"{{^null}}This should be rendered.{{/null}}\"", ["null": nil],
            "\"This should be rendered.\""),
        SpecCase("Context", "\"{{^context}}Hi {{name}}.{{/context}}\"", ["context": ["name": "Joe"]], "\"\""),
        SpecCase("List", "\"{{^list}}{{n}}{{/list}}\"", ["list": [["n": 1], ["n": 2], ["n": 3]]], "\"\""),
        SpecCase("Empty List", "\"{{^list}}Yay lists!{{/list}}\"", ["list": []], "\"Yay lists!\""),
        SpecCase(
            "Doubled", "{{^bool}}\n* first\n{{/bool}}\n* {{two}}\n{{^bool}}\n* third\n{{/bool}}\n",
            ["bool": false, "two": "second"], "* first\n* second\n* third\n"),
        SpecCase(
            "Nested (Falsey)", "| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |", ["bool": false], "| A B C D E |"),
        SpecCase(
            "Nested (Truthy)", "| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |", ["bool": true], "| A  E |"),
        SpecCase(
            "Context Misses", "[{{^missing}}Cannot find key 'missing'!{{/missing}}]", [:],
            "[Cannot find key 'missing'!]"),
        SpecCase(
            "Dotted Names - Truthy", "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"\"", ["a": ["b": ["c": true]]],
            "\"\" == \"\""),
        SpecCase(
            "Dotted Names - Falsey", "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"Not Here\"", ["a": ["b": ["c": false]]],
            "\"Not Here\" == \"Not Here\""),
        SpecCase(
            "Dotted Names - Broken Chains", "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"Not Here\"", ["a": [:]],
            "\"Not Here\" == \"Not Here\""),
        SpecCase(
            "Surrounding Whitespace", " | {{^boolean}}\t|\t{{/boolean}} | \n", ["boolean": false], " | \t|\t | \n"),
        SpecCase(
            "Internal Whitespace", " | {{^boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n",
            ["boolean": false], " |  \n  | \n"),
        SpecCase(
            "Indented Inline Sections", " {{^boolean}}NO{{/boolean}}\n {{^boolean}}WAY{{/boolean}}\n",
            ["boolean": false], " NO\n WAY\n"),
        SpecCase(
            "Standalone Lines", "| This Is\n{{^boolean}}\n|\n{{/boolean}}\n| A Line\n", ["boolean": false],
            "| This Is\n|\n| A Line\n"),
        SpecCase(
            "Standalone Indented Lines", "| This Is\n  {{^boolean}}\n|\n  {{/boolean}}\n| A Line\n",
            ["boolean": false], "| This Is\n|\n| A Line\n"),
        SpecCase("Standalone Line Endings", "|\r\n{{^boolean}}\r\n{{/boolean}}\r\n|", ["boolean": false], "|\r\n|"),
        SpecCase(
            "Standalone Without Previous Line", "  {{^boolean}}\n^{{/boolean}}\n/", ["boolean": false], "^\n/"),
        SpecCase("Standalone Without Newline", "^{{^boolean}}\n/\n  {{/boolean}}", ["boolean": false], "^\n/\n"),
        SpecCase("Padding", "|{{^ boolean }}={{/ boolean }}|", ["boolean": false], "|=|"),
    ]

    @Test(arguments: cases)
    func rendersAsTheSpecSays(_ specCase: SpecCase) throws {
        #expect(try specCase.render() == specCase.expected)
    }
}
