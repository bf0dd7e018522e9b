import Testing

@testable import Templating

/// The spec's partials.yml, every case.
struct SpecPartialsTests {
    static let cases: [SpecCase] = [
        SpecCase("Basic Behavior", "\"{{>text}}\"", [:], partials: ["text": "from partial"], "\"from partial\""),
        SpecCase("Failed Lookup", "\"{{>text}}\"", [:], "\"\""),
        SpecCase(
            "Context", "\"{{>partial}}\"", ["text": "content"], partials: ["partial": "*{{text}}*"], "\"*content*\""),
        SpecCase(
            "Recursion", "{{>node}}", ["content": "X", "nodes": [["content": "Y", "nodes": []]]],
            partials: ["node": "{{content}}<{{#nodes}}{{>node}}{{/nodes}}>"], "X<Y<>>"),
        SpecCase(
            "Nested", "{{>outer}}", ["a": "hello", "b": "world"],
            partials: ["outer": "*{{a}} {{>inner}}*", "inner": "{{b}}!"], "*hello world!*"),
        SpecCase("Surrounding Whitespace", "| {{>partial}} |", [:], partials: ["partial": "\t|\t"], "| \t|\t |"),
        SpecCase(
            "Inline Indentation", "  {{data}}  {{> partial}}\n", ["data": "|"], partials: ["partial": ">\n>"],
            "  |  >\n>\n"),
        SpecCase("Standalone Line Endings", "|\r\n{{>partial}}\r\n|", [:], partials: ["partial": ">"], "|\r\n>|"),
        SpecCase(
            "Standalone Without Previous Line", "  {{>partial}}\n>", [:], partials: ["partial": ">\n>"],
            "  >\n  >>"),
        SpecCase(
            "Standalone Without Newline", ">\n  {{>partial}}", [:], partials: ["partial": ">\n>"], ">\n  >\n  >"),
        SpecCase(
            "Standalone Indentation", "\\\n {{>partial}}\n/\n", ["content": "<\n->"],
            partials: ["partial": "|\n{{{content}}}\n|\n"], "\\\n |\n <\n->\n |\n/\n"),
        SpecCase("Padding Whitespace", "|{{> partial }}|", ["boolean": true], partials: ["partial": "[]"], "|[]|"),
    ]

    @Test(arguments: cases)
    func rendersAsTheSpecSays(_ specCase: SpecCase) throws {
        #expect(try specCase.render() == specCase.expected)
    }
}
