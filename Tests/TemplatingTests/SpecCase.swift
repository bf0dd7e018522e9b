import Testing

@testable import Templating

/// One case of the official Mustache spec (github.com/mustache/spec), transcribed.
struct SpecCase: Sendable, CustomTestStringConvertible {
    let name: String
    let template: String
    let data: TemplateValue
    let partials: [String: String]
    let expected: String

    init(
        _ name: String, _ template: String, _ data: TemplateValue, partials: [String: String] = [:], _ expected: String
    ) {
        self.name = name
        self.template = template
        self.data = data
        self.partials = partials
        self.expected = expected
    }

    var testDescription: String { name }

    /// Renders the case's template, with its partials beside it in one library.
    func render() throws -> String {
        var sources = partials
        sources["spec-case"] = template
        let library = try TemplateLibrary(templates: sources)
        return try library.render("spec-case", data)
    }
}
