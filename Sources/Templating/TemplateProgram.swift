/// A template compiled for rendering: a flat list of plain instructions over one block of literal bytes.
///
/// The node tree from ``TemplateParser`` is flattened so that the render loop reads trivially copyable
/// instructions and copies text straight from memory, without reference counting per node. Instructions
/// and text live in memory allocated once in `init` and freed in `deinit`.
///
/// `@unchecked Sendable`: every stored property is a `let` written only in `init`, and the memory the
/// buffers point to is never written after `init` either, so any number of threads may read it at once.
final class TemplateProgram: @unchecked Sendable {
    /// One step of the render loop.
    struct Instruction {
        /// The kinds of instruction.
        enum Operation: UInt8 {
            /// Copy `length` bytes of ``text`` from `operand`.
            case text
            /// Write the current partial indentation.
            case indent
            /// Interpolate ``names``[`operand`], HTML-escaped.
            case escaped
            /// Interpolate ``names``[`operand`] as it is.
            case raw
            /// Render the next `length` instructions once per element of ``names``[`operand`] if it is a
            /// list, else once if it is truthy.
            case section
            /// Render the next `length` instructions once if ``names``[`operand`] is falsey.
            case invertedSection
            /// Render ``partials``[`operand`].
            case partial
        }

        /// What to do.
        var operation: Operation
        /// A byte offset into ``text``, or an index into ``names`` or ``partials``.
        var operand: Int32
        /// A byte count of text, or the number of instructions in a section's body.
        var length: Int32
    }

    /// A partial reference: the template's name and, for a standalone tag, its indentation.
    struct PartialReference {
        /// The partial's template name.
        var name: String
        /// The whitespace before a standalone partial tag; `nil` for an inline one.
        var indent: [UInt8]?
    }

    /// The instructions, in order; a section's body follows it.
    let instructions: UnsafeBufferPointer<Instruction>
    /// Every literal byte of the template, in order.
    let text: UnsafeBufferPointer<UInt8>
    /// The names interpolations and sections refer to, each once.
    let names: [TemplateName]
    /// The partials the template includes, one entry per tag.
    let partials: [PartialReference]

    /// Flattens `nodes`.
    init(nodes: [TemplateNode]) {
        var builder = Builder()
        builder.add(nodes)
        instructions = Self.copy(builder.instructions)
        text = Self.copy(builder.text)
        names = builder.names
        partials = builder.partials
    }

    deinit {
        instructions.deallocate()
        text.deallocate()
    }

    private static func copy<Element>(_ array: [Element]) -> UnsafeBufferPointer<Element> {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(array.count, 1))
        _ = buffer.initialize(from: array)
        return UnsafeBufferPointer(start: buffer.baseAddress, count: array.count)
    }

    /// Collects instructions, text and tables while walking the node tree.
    private struct Builder {
        var instructions: [Instruction] = []
        var text: [UInt8] = []
        var names: [TemplateName] = []
        var partials: [PartialReference] = []

        mutating func add(_ nodes: [TemplateNode]) {
            for node in nodes {
                switch node {
                case .text(let bytes):
                    instructions.append(
                        Instruction(operation: .text, operand: Int32(text.count), length: Int32(bytes.count)))
                    text.append(contentsOf: bytes)
                case .indent:
                    instructions.append(Instruction(operation: .indent, operand: 0, length: 0))
                case .variable(let name, let isEscaped):
                    instructions.append(
                        Instruction(operation: isEscaped ? .escaped : .raw, operand: index(of: name), length: 0))
                case .section(let name, let children, let isInverted):
                    let start = instructions.count
                    instructions.append(
                        Instruction(
                            operation: isInverted ? .invertedSection : .section, operand: index(of: name), length: 0))
                    add(children)
                    instructions[start].length = Int32(instructions.count - start - 1)
                case .partial(let name, let indent):
                    instructions.append(Instruction(operation: .partial, operand: Int32(partials.count), length: 0))
                    partials.append(PartialReference(name: name, indent: indent))
                }
            }
        }

        private mutating func index(of name: TemplateName) -> Int32 {
            if let index = names.firstIndex(of: name) { return Int32(index) }
            names.append(name)
            return Int32(names.count - 1)
        }
    }
}
