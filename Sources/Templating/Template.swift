/// One compiled template: its name and its program, parsed once and rendered many times.
struct Template: Sendable {
    /// The template's name in its library.
    let name: String
    /// The compiled program.
    let program: TemplateProgram
    /// The size of the largest rendering so far, to reserve a buffer that will not need to grow.
    let sizeHint: RenderSizeHint

    /// Compiles `source`.
    ///
    /// - Throws: a syntax ``TemplateError`` located in `name`.
    init(name: String, source: [UInt8]) throws(TemplateError) {
        self.name = name
        self.program = TemplateProgram(nodes: try TemplateParser(source: source, template: name).parse())
        self.sizeHint = RenderSizeHint(initial: max(4096, source.count * 2))
    }

    /// The names of the partials this template includes, in order of first use.
    var partialNames: [String] {
        var names: [String] = []
        for partial in program.partials where !names.contains(partial.name) {
            names.append(partial.name)
        }
        return names
    }
}
