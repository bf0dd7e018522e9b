/// The spec's standalone-line rule, applied to scanned tokens.
///
/// A line holding a single section, inverted-section, closing, partial, comment or set-delimiter tag and
/// otherwise only spaces and tabs is "standalone": its whitespace and line ending are removed, so the tag
/// leaves no trace in the output (Mustache spec, e.g. sections.yml "Standalone Lines"). A standalone
/// partial keeps the whitespace before it as the indentation of every line it renders.
///
/// Every other non-empty line starts with an `.indent` piece, where an enclosing standalone partial's
/// indentation is written; this is how the spec's "as if the partial's text were indented" is rendered
/// without re-parsing the partial.
enum StandaloneLines {
    /// A scanned tag.
    typealias Tag = TemplateScanner.Tag
    /// A scanned token.
    typealias Token = TemplateScanner.Token

    /// A token after the standalone pass.
    enum Piece {
        /// Literal bytes of the source.
        case text(Range<Int>)
        /// A tag; `indent` is the whitespace before a standalone tag, `nil` when the tag is inline.
        case tag(Tag, indent: Range<Int>?)
        /// The start of a non-empty line, where partial indentation goes.
        case indent
    }

    /// The pieces of `tokens`, scanned from `source`, with standalone lines stripped.
    static func apply(to tokens: [Token], in source: [UInt8]) -> [Piece] {
        var pieces: [Piece] = []
        pieces.reserveCapacity(tokens.count + tokens.count / 2)
        var lineStart = 0
        for index in tokens.indices {
            let isLastOfLine: Bool
            if index == tokens.count - 1 {
                isLastOfLine = true
            } else if case .text(let range) = tokens[index] {
                isLastOfLine = source[range.upperBound - 1] == UInt8(ascii: "\n")
            } else {
                isLastOfLine = false
            }
            if isLastOfLine {
                appendLine(tokens[lineStart...index], in: source, to: &pieces)
                lineStart = index + 1
            }
        }
        return pieces
    }

    /// Appends the pieces of one line: its tokens up to and including its line ending, if any.
    private static func appendLine(_ line: ArraySlice<Token>, in source: [UInt8], to pieces: inout [Piece]) {
        if let tag = standaloneTag(line, in: source) {
            var indent: Range<Int>?
            if case .text(let range)? = line.first {
                indent = range
            } else {
                indent = range(empty: tag.offset)
            }
            pieces.append(.tag(tag, indent: indent))
            return
        }
        if case .text(let range)? = line.first, isLineEnding(source[range]) {
            // An empty line gets no indentation, as in the spec's partials "Standalone Indentation".
        } else {
            pieces.append(.indent)
        }
        for token in line {
            switch token {
            case .text(let range): pieces.append(.text(range))
            case .tag(let tag): pieces.append(.tag(tag, indent: nil))
            }
        }
    }

    /// The line's tag if the line is standalone.
    private static func standaloneTag(_ line: ArraySlice<Token>, in source: [UInt8]) -> Tag? {
        var found: Tag?
        for token in line {
            switch token {
            case .tag(let tag):
                guard found == nil, tag.kind.canStandAlone else { return nil }
                found = tag
            case .text(let range):
                guard isBlank(source[range]) else { return nil }
            }
        }
        return found
    }

    /// Spaces and tabs only, up to an optional line ending.
    private static func isBlank(_ bytes: ArraySlice<UInt8>) -> Bool {
        var body = bytes
        if body.last == UInt8(ascii: "\n") {
            body.removeLast()
            if body.last == UInt8(ascii: "\r") { body.removeLast() }
        }
        return body.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// `\n` or `\r\n` alone.
    private static func isLineEnding(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.elementsEqual([UInt8(ascii: "\n")]) || bytes.elementsEqual([UInt8(ascii: "\r"), UInt8(ascii: "\n")])
    }

    private static func range(empty offset: Int) -> Range<Int> { offset..<offset }
}
