/// One compiled template: its name and its nodes, parsed once and rendered many times.
struct Template: Sendable {
    /// The template's name in its library.
    let name: String
    /// The compiled nodes.
    let nodes: [TemplateNode]
    /// The size of the source, a first guess at the size of a rendering.
    let sourceByteCount: Int

    /// Compiles `source`.
    ///
    /// - Throws: a syntax ``TemplateError`` located in `name`.
    init(name: String, source: [UInt8]) throws(TemplateError) {
        self.name = name
        self.nodes = try TemplateParser(source: source, template: name).parse()
        self.sourceByteCount = source.count
    }

    /// The names of the partials this template includes, in order of first use.
    var partialNames: [String] {
        var names: [String] = []
        Self.collectPartials(nodes, into: &names)
        return names
    }

    private static func collectPartials(_ nodes: [TemplateNode], into names: inout [String]) {
        for node in nodes {
            switch node {
            case .partial(let name, _):
                if !names.contains(name) { names.append(name) }
            case .section(_, let children, _):
                collectPartials(children, into: &names)
            case .text, .indent, .variable:
                break
            }
        }
    }
}
