/// Compiles a template's source into nodes: scan, drop standalone lines, then build the section tree.
///
/// Syntax errors are thrown as ``TemplateError`` with the template's name, line and column.
struct TemplateParser {
    /// The source's UTF-8 bytes.
    let source: [UInt8]
    /// The template's name, for error locations.
    let template: String

    /// An open section while building the tree.
    private struct OpenSection {
        var tag: TemplateScanner.Tag
        var name: TemplateName
        var nodes: [TemplateNode] = []
    }

    /// The compiled nodes of the whole template.
    func parse() throws(TemplateError) -> [TemplateNode] {
        let tokens = try TemplateScanner(source: source, template: template).tokens()
        let pieces = StandaloneLines.apply(to: tokens, in: source)
        var stack: [OpenSection] = []
        var nodes: [TemplateNode] = []
        for piece in pieces {
            var node: TemplateNode?
            switch piece {
            case .indent:
                node = .indent
            case .text(let range):
                node = .text(Array(source[range]))
            case .tag(let tag, let indent):
                switch tag.kind {
                case .variable, .raw:
                    node = .variable(try name(tag), isEscaped: tag.kind == .variable)
                case .section, .invertedSection:
                    stack.append(OpenSection(tag: tag, name: try name(tag)))
                case .closing:
                    guard let open = stack.popLast() else {
                        throw .unexpectedClosingTag(tag.content, location(tag.offset))
                    }
                    guard open.tag.content == tag.content else {
                        throw .mismatchedClosingTag(
                            expected: open.tag.content, found: tag.content, location(tag.offset))
                    }
                    node = .section(open.name, open.nodes, isInverted: open.tag.kind == .invertedSection)
                case .partial:
                    guard !tag.content.utf8.contains(where: TemplateScanner.isWhitespace) else {
                        throw .invalidName(tag.content, location(tag.offset))
                    }
                    node = .partial(tag.content, indent: indent.map { Array(source[$0]) })
                case .comment, .setDelimiters:
                    node = nil
                }
            }
            if let node {
                if stack.isEmpty {
                    Self.append(node, to: &nodes)
                } else {
                    Self.append(node, to: &stack[stack.count - 1].nodes)
                }
            }
        }
        if let open = stack.last {
            throw .unclosedSection(open.tag.content, location(open.tag.offset))
        }
        return nodes
    }

    /// Appends `node`, merging adjacent text so that rendering copies fewer, longer runs.
    private static func append(_ node: TemplateNode, to nodes: inout [TemplateNode]) {
        if case .text(let bytes) = node, case .text(let previous)? = nodes.last {
            nodes[nodes.count - 1] = .text(previous + bytes)
        } else {
            nodes.append(node)
        }
    }

    private func name(_ tag: TemplateScanner.Tag) throws(TemplateError) -> TemplateName {
        guard let name = TemplateName(tag.content) else {
            throw .invalidName(tag.content, location(tag.offset))
        }
        return name
    }

    private func location(_ offset: Int) -> TemplateLocation {
        TemplateLocation.of(offset: offset, in: source, template: template)
    }
}
