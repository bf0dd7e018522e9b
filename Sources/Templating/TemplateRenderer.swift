/// Renders compiled nodes into a byte buffer; one renderer serves one call of `render` on one thread.
///
/// The context stack holds the values pushed by sections, innermost last. Names resolve as the spec's
/// interpolation.yml says: the first part of a dotted name is looked up from the top of the stack down,
/// the remaining parts only inside the value found; any miss renders as empty and is falsey.
struct TemplateRenderer {
    /// The templates partials are resolved against.
    let templates: [String: Template]
    /// The deepest nesting of partials allowed.
    let partialDepthLimit: Int
    /// The context stack.
    private var stack: [TemplateValue]
    /// How many partials are being rendered inside one another.
    private var depth = 0

    /// A renderer whose stack holds `context` alone.
    init(templates: [String: Template], partialDepthLimit: Int, context: TemplateValue) {
        self.templates = templates
        self.partialDepthLimit = partialDepthLimit
        self.stack = [context]
        stack.reserveCapacity(8)
    }

    /// Appends the rendering of `nodes` to `output`, writing `indent` at each line start.
    ///
    /// - Throws: `partialsTooDeep` past ``partialDepthLimit``.
    mutating func render(_ nodes: [TemplateNode], indent: [UInt8], into output: inout [UInt8]) throws(TemplateError) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                output.append(contentsOf: bytes)
            case .indent:
                if !indent.isEmpty { output.append(contentsOf: indent) }
            case .variable(let name, let isEscaped):
                Self.append(resolve(name), isEscaped: isEscaped, to: &output)
            case .section(let name, let children, let isInverted):
                let value = resolve(name)
                if isInverted {
                    if !value.isTruthy { try render(children, indent: indent, into: &output) }
                } else if case .list(let elements) = value {
                    for element in elements {
                        stack.append(element)
                        try render(children, indent: indent, into: &output)
                        stack.removeLast()
                    }
                } else if value.isTruthy {
                    stack.append(value)
                    try render(children, indent: indent, into: &output)
                    stack.removeLast()
                }
            case .partial(let name, let partialIndent):
                // The spec's partials.yml "Failed Lookup": an unknown partial renders as empty.
                guard let partial = templates[name] else { continue }
                guard depth < partialDepthLimit else {
                    throw .partialsTooDeep(template: name, limit: partialDepthLimit)
                }
                depth += 1
                try render(partial.nodes, indent: partialIndent.map { indent + $0 } ?? [], into: &output)
                depth -= 1
            }
        }
    }

    /// The value `name` refers to, `.null` when nothing matches.
    private func resolve(_ name: TemplateName) -> TemplateValue {
        switch name {
        case .implicit:
            return stack[stack.count - 1]
        case .path(let first, let rest):
            var found: TemplateValue?
            for context in stack.reversed() {
                if case .object(let members) = context, let value = members[first] {
                    found = value
                    break
                }
            }
            guard var value = found else { return .null }
            for part in rest {
                guard case .object(let members) = value, let member = members[part] else { return .null }
                value = member
            }
            return value
        }
    }

    /// Appends the text of `value`: a string, a decimal integer, `true`/`false`; nothing for the rest.
    private static func append(_ value: TemplateValue, isEscaped: Bool, to output: inout [UInt8]) {
        switch value {
        case .string(let string):
            if isEscaped {
                HTMLEscaping.append(escaping: string, to: &output)
            } else {
                output.append(contentsOf: string.utf8)
            }
        case .int(let number):
            output.append(contentsOf: String(number).utf8)
        case .bool(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null, .list, .object:
            break
        }
    }
}
