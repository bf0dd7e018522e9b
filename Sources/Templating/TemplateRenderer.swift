/// Runs compiled programs into a byte buffer; one renderer serves one call of `render` on one thread.
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

    /// Appends the rendering of `program` to `output`, writing `indent` at each line start.
    ///
    /// - Throws: `partialsTooDeep` past ``partialDepthLimit``.
    mutating func render(_ program: TemplateProgram, indent: [UInt8], into output: inout [UInt8]) throws(TemplateError)
    {
        try run(program, 0..<program.instructions.count, indent: indent, into: &output)
    }

    /// Runs the instructions in `range`.
    private mutating func run(
        _ program: TemplateProgram, _ range: Range<Int>, indent: [UInt8], into output: inout [UInt8]
    ) throws(TemplateError) {
        let instructions = program.instructions
        var index = range.lowerBound
        while index < range.upperBound {
            let instruction = instructions[index]
            index += 1
            switch instruction.operation {
            case .text:
                output.append(
                    contentsOf: UnsafeBufferPointer(
                        rebasing: program.text[Int(instruction.operand)..<Int(instruction.operand + instruction.length)]
                    ))
            case .indent:
                if !indent.isEmpty { output.append(contentsOf: indent) }
            case .escaped, .raw:
                Self.append(
                    resolve(program.names[Int(instruction.operand)]), isEscaped: instruction.operation == .escaped,
                    to: &output)
            case .section, .invertedSection:
                let body = index..<index + Int(instruction.length)
                index = body.upperBound
                let value = resolve(program.names[Int(instruction.operand)])
                if instruction.operation == .invertedSection {
                    if !value.isTruthy { try run(program, body, indent: indent, into: &output) }
                } else if case .list(let elements) = value {
                    for element in elements {
                        stack.append(element)
                        try run(program, body, indent: indent, into: &output)
                        stack.removeLast()
                    }
                } else if value.isTruthy {
                    stack.append(value)
                    try run(program, body, indent: indent, into: &output)
                    stack.removeLast()
                }
            case .partial:
                try renderPartial(program.partials[Int(instruction.operand)], indent: indent, into: &output)
            }
        }
    }

    private mutating func renderPartial(
        _ reference: TemplateProgram.PartialReference, indent: [UInt8], into output: inout [UInt8]
    ) throws(TemplateError) {
        // The spec's partials.yml "Failed Lookup": an unknown partial renders as empty.
        guard let partial = templates[reference.name] else { return }
        guard depth < partialDepthLimit else {
            throw .partialsTooDeep(template: reference.name, limit: partialDepthLimit)
        }
        depth += 1
        // A standalone partial indents every line by the indentation around it plus its own; an inline
        // one is not indented at all (spec, partials.yml "Standalone Indentation", "Inline Indentation").
        try render(partial.program, indent: reference.indent.map { indent + $0 } ?? [], into: &output)
        depth -= 1
    }

    /// The value `name` refers to, `.null` when nothing matches.
    private func resolve(_ name: TemplateName) -> TemplateValue {
        switch name {
        case .implicit:
            return stack[stack.count - 1]
        case .key(let key):
            return lookUp(key) ?? .null
        case .path(let first, let rest):
            guard var value = lookUp(first) else { return .null }
            for part in rest {
                guard case .object(let members) = value, let member = part.member(of: members) else {
                    return .null
                }
                value = member
            }
            return value
        }
    }

    /// The member `key` of the topmost object on the stack that has one.
    private func lookUp(_ key: TemplateKey) -> TemplateValue? {
        var index = stack.count - 1
        while index >= 0 {
            if case .object(let members) = stack[index], let value = key.member(of: members) {
                return value
            }
            index -= 1
        }
        return nil
    }

    /// Appends `number` in decimal, with a leading `-` when negative, without making a `String`.
    private static func appendDecimal(_ number: Int, to output: inout [UInt8]) {
        if number < 0 { output.append(UInt8(ascii: "-")) }
        // The magnitude as unsigned, so that `Int.min` has one too.
        var magnitude = number.magnitude
        let start = output.count
        repeat {
            output.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        output[start...].reverse()
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
            appendDecimal(number, to: &output)
        case .bool(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null, .list, .object:
            break
        }
    }
}
