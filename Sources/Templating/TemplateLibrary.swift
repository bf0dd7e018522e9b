/// Every template of the application, parsed once at start and rendered many times from any thread.
///
/// A library is an immutable `Sendable` value: build it at start-up, before serving, and share it. All
/// templates are compiled when it is made, so a syntax error stops start-up with the template, line and
/// column at fault (see ``TemplateError``).
///
/// Names are paths relative to the template folder, without `.mustache`: `layout`, `pages/import`,
/// `partials/pager`. Partials are named the same way from every template (`{{> partials/pager}}`) and are
/// looked up when rendering, so a partial may include itself (nesting is bounded by
/// ``partialDepthLimit``). A partial the library does not hold renders as empty, as the Mustache spec
/// requires; ``unresolvedPartials`` lists such references so start-up can report them.
///
/// **Layout.** Every page shares one layout through a raw variable rather than template inheritance.
/// Render the page first, then the layout with the page's HTML as an unescaped value:
///
/// ```swift
/// let page = try library.render("pages/import", pageContext)
/// let html = try library.render("layout", ["title": "Import", "content": .string(page)])
/// ```
///
/// with `layout.mustache` holding `<title>{{title}}</title> … <main>{{{content}}}</main>`. The page's
/// own values were escaped when the page rendered; `{{{content}}}` must not escape them again.
public struct TemplateLibrary: Sendable {
    /// The compiled templates by name.
    let templates: [String: Template]

    /// The deepest nesting of partials a rendering may reach before it fails with `partialsTooDeep`.
    public let partialDepthLimit: Int

    /// The default ``partialDepthLimit``: deep enough for recursive trees, shallow enough for the stack.
    public static let defaultPartialDepthLimit = 64

    /// Compiles the given sources, keyed by template name; meant for tests and small embedded sets.
    ///
    /// - Throws: the first syntax ``TemplateError`` met, in name order.
    public init(
        templates sources: [String: String], partialDepthLimit: Int = TemplateLibrary.defaultPartialDepthLimit
    ) throws(TemplateError) {
        var templates: [String: Template] = [:]
        for name in sources.keys.sorted() {
            templates[name] = try Template(name: name, source: Array(sources[name, default: ""].utf8))
        }
        self.templates = templates
        self.partialDepthLimit = partialDepthLimit
    }

    /// A library from already compiled templates.
    init(compiled templates: [String: Template], partialDepthLimit: Int) {
        self.templates = templates
        self.partialDepthLimit = partialDepthLimit
    }

    /// The names of all templates, sorted.
    public var names: [String] { templates.keys.sorted() }

    /// Whether the library holds a template called `name`.
    public func contains(_ name: String) -> Bool { templates[name] != nil }

    /// For each template that includes partials the library does not hold, their names; empty when every
    /// reference resolves.
    public var unresolvedPartials: [String: [String]] {
        var unresolved: [String: [String]] = [:]
        for (name, template) in templates {
            let missing = template.partialNames.filter { templates[$0] == nil }
            if !missing.isEmpty { unresolved[name] = missing }
        }
        return unresolved
    }

    /// Renders the template `name` with `context` as the bottom of its context stack.
    ///
    /// - Throws: `unknownTemplate` when the library has no such template; `partialsTooDeep` past
    ///   ``partialDepthLimit``.
    public func render(_ name: String, _ context: TemplateValue) throws(TemplateError) -> String {
        var output: [UInt8] = []
        try render(name, context, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the rendering of the template `name` to `output`, as UTF-8 bytes.
    ///
    /// Reuse one buffer across renderings to avoid growing a new one each time. On error, `output` may
    /// hold part of the rendering.
    ///
    /// - Throws: as ``render(_:_:)``.
    public func render(_ name: String, _ context: TemplateValue, into output: inout [UInt8]) throws(TemplateError) {
        guard let template = templates[name] else { throw .unknownTemplate(name) }
        let start = output.count
        output.reserveCapacity(start + template.sizeHint.bytes)
        var renderer = TemplateRenderer(templates: templates, partialDepthLimit: partialDepthLimit, context: context)
        try renderer.render(template.program, indent: [], into: &output)
        template.sizeHint.record(output.count - start)
    }
}
