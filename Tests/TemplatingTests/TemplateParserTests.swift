import TestSupport
import Testing

@testable import Templating

/// Parsing arbitrary text either compiles or throws a located error; it never traps.
struct TemplateParserTests {
    static let pieces = [
        "{{", "}}", "{{{", "}}}", "#", "^", "/", "!", ">", "&", "=", ".", "a", "b", " ", "\n", "\r\n", "é",
        "{{#a}}", "{{/a}}", "{{^b}}", "{{/b}}", "{{=<% %>=}}", "<%", "%>", "{{> p}}", "  {{! c }}\n", "{{.}}",
    ]

    @Test(arguments: 0..<20)
    func arbitraryTextCompilesOrReportsWhere(seed: Int) throws {
        var generator = SplitMix64(seed: UInt64(seed))
        for _ in 0..<200 {
            let length = Int.random(in: 0..<24, using: &generator)
            let source = (0..<length).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            let lineCount = source.utf8.count(where: { $0 == UInt8(ascii: "\n") }) + 1
            do {
                let library = try TemplateLibrary(templates: ["p": "[{{.}}]", "t": source], partialDepthLimit: 4)
                _ = try library.render("t", ["a": [1, 2], "b": false])
            } catch {
                if case .partialsTooDeep = error { continue }
                let location = try #require(error.location, "\(error) for \(source.debugDescription)")
                #expect(location.template == "t")
                #expect((1...lineCount).contains(location.line), "\(error) for \(source.debugDescription)")
                #expect(location.column >= 1)
            }
        }
    }

    @Test func tripleMustacheFollowsNewDelimiters() throws {
        let library = try TemplateLibrary(templates: ["t": "{{=[ ]=}}[{v}]|[& v]|[v]|{{v}}"])
        #expect(try library.render("t", ["v": "<"]) == "<|<|&lt;|{{v}}")
    }

    @Test func keepsNonASCIITextAndNamesIntact() throws {
        let library = try TemplateLibrary(templates: ["t": "Grüße, {{имя}}! 🎉 {{#list}}«{{.}}»{{/list}}"])
        let output = try library.render("t", ["имя": "Zoë", "list": ["日本", "ü"]])
        #expect(output == "Grüße, Zoë! 🎉 «日本»«ü»")
    }
}
