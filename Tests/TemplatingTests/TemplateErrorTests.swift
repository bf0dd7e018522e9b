import Testing

@testable import Templating

/// Syntax errors name the template, line and column of the tag at fault.
struct TemplateErrorTests {
    struct SyntaxCase: Sendable, CustomTestStringConvertible {
        let source: String
        let error: TemplateError
        var testDescription: String { error.description }
    }

    static func at(_ line: Int, _ column: Int) -> TemplateLocation {
        TemplateLocation(template: "pages/broken", line: line, column: column)
    }

    static let cases: [SyntaxCase] = [
        SyntaxCase(source: "ab{{x", error: .unclosedTag(at(1, 3))),
        SyntaxCase(source: "line\n  ab{{{x}}\n", error: .unclosedTag(at(2, 5))),
        SyntaxCase(source: "a\nb\n{{! never ends }\n", error: .unclosedTag(at(3, 1))),
        SyntaxCase(source: "a{{ }}", error: .emptyTag(at(1, 2))),
        SyntaxCase(source: "x\n {{#}}{{/}}", error: .emptyTag(at(2, 2))),
        SyntaxCase(source: "{{> }}", error: .emptyTag(at(1, 1))),
        SyntaxCase(source: "{{{ }}}", error: .emptyTag(at(1, 1))),
        SyntaxCase(source: "<p>\n  {{#rows}}\n    {{name}}\n</p>\n", error: .unclosedSection("rows", at(2, 3))),
        SyntaxCase(source: "{{#a}}{{^b}}{{/b}}", error: .unclosedSection("a", at(1, 1))),
        SyntaxCase(
            source: "{{#a}}\n{{#b}}\n{{/a}}\n", error: .mismatchedClosingTag(expected: "b", found: "a", at(3, 1))),
        SyntaxCase(source: "text\n  {{/a}}", error: .unexpectedClosingTag("a", at(2, 3))),
        SyntaxCase(source: "a{{=<%=}}", error: .invalidDelimiters("<%", at(1, 2))),
        SyntaxCase(source: "a{{= <% =}}", error: .invalidDelimiters("<%", at(1, 2))),
        SyntaxCase(source: "{{=< % >=}}", error: .invalidDelimiters("< % >", at(1, 1))),
        SyntaxCase(source: "{{=a= b=}}", error: .invalidDelimiters("a= b", at(1, 1))),
        SyntaxCase(source: "a{{=<% %>}}", error: .unclosedTag(at(1, 2))),
        SyntaxCase(
            source: "{{=<% %>=}}\n<%#a%>\n<%/b%>", error: .mismatchedClosingTag(expected: "a", found: "b", at(3, 1))),
        SyntaxCase(source: "{{a..b}}", error: .invalidName("a..b", at(1, 1))),
        SyntaxCase(source: "x {{first name}}", error: .invalidName("first name", at(1, 3))),
        SyntaxCase(source: "{{#.a}}{{/.a}}", error: .invalidName(".a", at(1, 1))),
        SyntaxCase(source: "{{> a b}}", error: .invalidName("a b", at(1, 1))),
        SyntaxCase(source: "{{<layout}}{{/layout}}", error: .unsupportedTag("<layout", at(1, 1))),
        // Columns count characters, not bytes: "é" and "日本" are 2 and 6 bytes of UTF-8.
        SyntaxCase(source: "é 日本 {{/a}}", error: .unexpectedClosingTag("a", at(1, 6))),
        SyntaxCase(source: "\r\n\r\n  {{", error: .unclosedTag(at(3, 3))),
    ]

    @Test(arguments: cases)
    func reportsTemplateLineAndColumn(_ syntaxCase: SyntaxCase) {
        #expect(throws: syntaxCase.error) {
            try TemplateLibrary(templates: ["pages/fine": "{{ok}}", "pages/broken": syntaxCase.source])
        }
    }

    @Test func describesErrorsWithTheirLocation() {
        let error = TemplateError.unclosedSection(
            "rows", TemplateLocation(template: "pages/import", line: 12, column: 5))
        #expect(error.description == "pages/import:12:5: unclosed section \"rows\"")
        #expect(error.location == TemplateLocation(template: "pages/import", line: 12, column: 5))
        #expect(TemplateError.unknownTemplate("nope").location == nil)
    }

    @Test func unknownTemplateIsReportedByName() throws {
        let library = try TemplateLibrary(templates: ["a": "A"])
        #expect(throws: TemplateError.unknownTemplate("pages/missing")) {
            try library.render("pages/missing", [:])
        }
    }

    @Test func runawayPartialRecursionStopsAtTheLimit() throws {
        let library = try TemplateLibrary(templates: ["loop": "x{{> loop}}"], partialDepthLimit: 10)
        #expect(throws: TemplateError.partialsTooDeep(template: "loop", limit: 10)) {
            try library.render("loop", [:])
        }
    }

    @Test func recursionWithinTheLimitRenders() throws {
        let library = try TemplateLibrary(
            templates: ["tree": "({{name}}{{#children}}{{> tree}}{{/children}})"], partialDepthLimit: 3)
        let leaf: TemplateValue = ["name": "c", "children": []]
        let tree: TemplateValue = ["name": "a", "children": [["name": "b", "children": [leaf]]]]
        #expect(try library.render("tree", tree) == "(a(b(c)))")
        // Three partials inside the top template: the limit, reached.
        let deeper: TemplateValue = ["name": "z", "children": [tree]]
        #expect(try library.render("tree", deeper) == "(z(a(b(c))))")
        let tooDeep: TemplateValue = ["name": "y", "children": [deeper]]
        #expect(throws: TemplateError.partialsTooDeep(template: "tree", limit: 3)) {
            try library.render("tree", tooDeep)
        }
    }
}
