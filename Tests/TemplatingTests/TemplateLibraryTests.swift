import Foundation
import Testing

@testable import Templating

/// Loading a library from a folder, and the layout pattern it documents.
struct TemplateLibraryTests {
    /// The fixture templates beside this file.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A fresh temporary folder, removed when `body` returns.
    func withTemporaryFolder(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("templating-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder)
    }

    func write(_ text: String, to path: String, in folder: URL) throws {
        let file = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    @Test func loadsNestedTemplatesNamedByRelativePath() throws {
        try withTemporaryFolder { folder in
            try write("<body>{{{content}}}</body>", to: "layout.mustache", in: folder)
            try write("<h1>{{title}}</h1>\n{{> partials/pager}}", to: "pages/import.mustache", in: folder)
            try write("page {{page}} of {{pages}}", to: "partials/pager.mustache", in: folder)
            try write("{{deep}}", to: "a/b/c/deep.mustache", in: folder)
            try write("not a template {{", to: "notes.txt", in: folder)
            try write("{{", to: "pages/import.mustache.bak", in: folder)
            let library = try TemplateLibrary(directory: folder.path)
            #expect(library.names == ["a/b/c/deep", "layout", "pages/import", "partials/pager"])
            #expect(library.contains("pages/import"))
            #expect(!library.contains("notes"))
            #expect(library.unresolvedPartials.isEmpty)
            let page = try library.render("pages/import", ["title": "Import", "page": 2, "pages": 5])
            #expect(page == "<h1>Import</h1>\npage 2 of 5")
            #expect(try library.render("a/b/c/deep", ["deep": "yes"]) == "yes")
        }
    }

    @Test func reportsSyntaxErrorsWithTheNestedTemplateName() throws {
        try withTemporaryFolder { folder in
            try write("fine", to: "layout.mustache", in: folder)
            try write(
                "<ul>\n  {{#rows}}\n    <li>{{name}}</li>\n  {{/row}}\n</ul>\n", to: "pages/list.mustache", in: folder)
            #expect(
                throws: TemplateError.mismatchedClosingTag(
                    expected: "rows", found: "row", TemplateLocation(template: "pages/list", line: 4, column: 3))
            ) {
                try TemplateLibrary(directory: folder.path)
            }
        }
    }

    @Test func rejectsFilesThatAreNotUTF8() throws {
        try withTemporaryFolder { folder in
            try Data([0x3C, 0x70, 0x3E, 0xFF, 0xFE]).write(to: folder.appendingPathComponent("bad.mustache"))
            #expect(throws: TemplateError.invalidEncoding(template: "bad")) {
                try TemplateLibrary(directory: folder.path)
            }
        }
    }

    @Test func dropsAByteOrderMark() throws {
        try withTemporaryFolder { folder in
            try Data([0xEF, 0xBB, 0xBF] + Array("<p>{{x}}</p>\n".utf8)).write(
                to: folder.appendingPathComponent("bom.mustache"))
            let library = try TemplateLibrary(directory: folder.path)
            #expect(try library.render("bom", ["x": "ü"]) == "<p>ü</p>\n")
        }
    }

    @Test func rejectsAMissingFolder() throws {
        try withTemporaryFolder { folder in
            let missing = folder.appendingPathComponent("missing").path
            #expect(throws: TemplateError.unreadable(path: missing, reason: "not a folder")) {
                try TemplateLibrary(directory: missing)
            }
        }
    }

    @Test func listsPartialsItCannotResolve() throws {
        let library = try TemplateLibrary(templates: [
            "page": "{{> header}}{{#rows}}{{> row}}{{/rows}}{{> header}}", "header": "<h1>",
            "other": "{{> footer}}",
        ])
        #expect(library.unresolvedPartials == ["page": ["row"], "other": ["footer"]])
        #expect(try library.render("page", ["rows": [1]]) == "<h1><h1>")
    }

    @Test func rendersAPageInsideTheLayout() throws {
        let library = try TemplateLibrary(directory: Self.fixtures.appendingPathComponent("templates").path)
        #expect(library.names == ["layout", "pages/users", "partials/pager"])
        let users: TemplateValue = [
            ["email": "ann@example.com", "name": "Ann & Bo", "status": "Active"],
            ["email": "zoe@example.com", "name": "Zoë <Z>", "status": "Invited"],
        ]
        let page = try library.render(
            "pages/users", ["title": "Users", "users": [users], "pager": ["previous": 1, "page": 2]])
        let html = try library.render("layout", ["title": "Users & Groups", "content": .string(page)])
        let expected = try String(
            contentsOf: Self.fixtures.appendingPathComponent("users-expected.html"), encoding: .utf8)
        #expect(html == expected)
    }
}
