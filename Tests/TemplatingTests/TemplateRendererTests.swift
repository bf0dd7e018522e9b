import Testing

@testable import Templating

/// Rendering beyond the spec's tables: value kinds, indentation of nested partials, buffers, threads.
struct TemplateRendererTests {
    func render(_ template: String, _ context: TemplateValue, partials: [String: String] = [:]) throws -> String {
        var sources = partials
        sources["t"] = template
        return try TemplateLibrary(templates: sources).render("t", context)
    }

    @Test func rendersIntegersInDecimal() throws {
        let context: TemplateValue = ["a": 0, "b": -42, "c": .int(Int.max), "d": .int(Int.min)]
        #expect(try render("{{a}} {{b}} {{c}} {{d}}", context) == "0 -42 9223372036854775807 -9223372036854775808")
    }

    @Test func rendersBooleansAsWordsAndContainersAsNothing() throws {
        let context: TemplateValue = ["yes": true, "no": false, "list": [1, 2], "object": ["k": "v"], "null": nil]
        #expect(try render("[{{yes}}|{{no}}|{{list}}|{{object}}|{{null}}|{{missing}}]", context) == "[true|false||||]")
    }

    @Test(arguments: [
        (TemplateValue.int(0), true), (.int(7), true), (.string(""), false), (.string(" "), true),
        (.object([:]), false), (.object(["k": nil]), true), (.list([]), false), (.null, false),
        (.bool(true), true), (.bool(false), false),
    ])
    func showsSectionsForTruthyValues(_ value: TemplateValue, _ isShown: Bool) throws {
        let output = try render("{{#v}}shown{{/v}}{{^v}}hidden{{/v}}", ["v": value])
        #expect(output == (isShown ? "shown" : "hidden"))
    }

    @Test func sectionOverAStringPushesIt() throws {
        #expect(try render("{{#name}}<{{.}}>{{/name}}", ["name": "Zoë & co"]) == "<Zoë &amp; co>")
    }

    @Test func innerNamesShadowOuterOnesAndFallBackToThem() throws {
        let context: TemplateValue = [
            "status": "outer", "rows": [["email": "a@x"], ["email": "b@x", "status": "inner"]],
        ]
        #expect(try render("{{#rows}}{{email}}:{{status}};{{/rows}}", context) == "a@x:outer;b@x:inner;")
    }

    @Test(arguments: [1, 8, 9, 40])
    func findsMembersOfSmallAndLargeObjects(memberCount: Int) throws {
        var members: [String: TemplateValue] = [:]
        for index in 0..<memberCount { members["field\(index)"] = .int(index) }
        members["title"] = "inner"
        let context: TemplateValue = ["title": "outer", "row": .object(members), "name": "top"]
        let output = try render("{{#row}}{{field0}}|{{title}}|{{name}}|{{fieldX}}|{{row.title}}{{/row}}", context)
        #expect(output == "0|inner|top||inner")
    }

    @Test func namesMatchByCanonicalEquivalenceAsDictionariesDo() throws {
        // U+212A KELVIN SIGN is canonically "K"; "é" precomposed equals "e" + U+0301.
        let context: TemplateValue = ["\u{212A}ey": "kelvin", "caf\u{E9}": "nfc", "a;b": "semicolon"]
        #expect(try render("{{Key}}|{{cafe\u{301}}}|{{a;b}}", context) == "kelvin|nfc|semicolon")
        let many = TemplateValue.object(Dictionary(uniqueKeysWithValues: (0..<20).map { ("k\($0)", .int($0)) }))
        #expect(try render("{{#m}}{{k7}}{{/m}}", ["m": many]) == "7")
    }

    @Test func nestedStandalonePartialsAddTheirIndentation() throws {
        let partials = ["inner": "1\n2\n", "outer": "a\n  {{>inner}}\nb\n"]
        #expect(try render("    {{>outer}}\n", [:], partials: partials) == "    a\n      1\n      2\n    b\n")
    }

    @Test func indentationSkipsEmptyLinesAndStandaloneTagsInsidePartials() throws {
        let partials = ["list": "<ul>\n\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\n</ul>\n"]
        let output = try render("<div>\n  {{> list}}\n</div>\n", ["items": ["x", "y"]], partials: partials)
        #expect(output == "<div>\n  <ul>\n\n    <li>x</li>\n    <li>y</li>\n  </ul>\n</div>\n")
    }

    @Test func inlinePartialsInsideIndentedPartialsAreNotIndented() throws {
        let partials = ["outer": "[\n{{>inner}}]\n", "inner": "x\ny\n"]
        #expect(try render("  {{>outer}}\n", [:], partials: partials) == "  [\n  x\ny\n]\n")
    }

    @Test func rendersIntoAnExistingBuffer() throws {
        let library = try TemplateLibrary(templates: ["row": "<td>{{.}}</td>"])
        var output = Array("<tr>".utf8)
        for value: TemplateValue in ["a<b", 2] {
            try library.render("row", value, into: &output)
        }
        #expect(String(decoding: output, as: UTF8.self) == "<tr><td>a&lt;b</td><td>2</td>")
    }

    @Test func layoutReceivesThePageUnescaped() throws {
        let library = try TemplateLibrary(templates: [
            "layout": "<title>{{title}}</title>\n<main>{{{content}}}</main>\n",
            "pages/import": "<p>{{message}}</p>",
        ])
        let page = try library.render("pages/import", ["message": "5 < 6"])
        let html = try library.render("layout", ["title": "Import & Export", "content": .string(page)])
        #expect(html == "<title>Import &amp; Export</title>\n<main><p>5 &lt; 6</p></main>\n")
    }

    @Test func oneLibraryRendersFromManyTasksAtOnce() async throws {
        let library = try TemplateLibrary(templates: ["row": "{{#rows}}{{n}},{{/rows}}"])
        let outputs = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for task in 0..<16 {
                group.addTask {
                    let rows = TemplateValue.list((0..<200).map { ["n": .int($0 * task)] })
                    return (task, try library.render("row", ["rows": rows]))
                }
            }
            var outputs: [Int: String] = [:]
            for try await (task, output) in group { outputs[task] = output }
            return outputs
        }
        for (task, output) in outputs {
            #expect(output == (0..<200).map { "\($0 * task)," }.joined())
        }
        #expect(outputs.count == 16)
    }
}
