/// Splits a template's UTF-8 source into text and tags, following set-delimiter tags as it goes.
///
/// The scanner is a value fed the whole source once; it never touches files. Text is cut after every
/// `\n`, so that a line ending always closes a text token: the standalone-line pass that follows works
/// line by line on the tokens.
struct TemplateScanner {
    /// What a tag does, from the sigil after its opening delimiter.
    enum TagKind: Equatable {
        /// `{{name}}`: HTML-escaped interpolation.
        case variable
        /// `{{{name}}}` or `{{& name}}`: unescaped interpolation.
        case raw
        /// `{{#name}}`.
        case section
        /// `{{^name}}`.
        case invertedSection
        /// `{{/name}}`.
        case closing
        /// `{{> name}}`.
        case partial
        /// `{{! text }}`.
        case comment
        /// `{{=<% %>=}}`.
        case setDelimiters

        /// Whether a tag of this kind may stand alone on a line, which removes the line from the output.
        var canStandAlone: Bool {
            switch self {
            case .variable, .raw: return false
            default: return true
            }
        }
    }

    /// One tag: its kind, its content without sigil and surrounding whitespace, and where it starts.
    struct Tag {
        /// What the tag does.
        var kind: TagKind
        /// The name (or comment, or delimiters) without sigil and surrounding whitespace.
        var content: String
        /// The byte offset of its opening delimiter.
        var offset: Int
    }

    /// A piece of the source.
    enum Token {
        /// Literal bytes; a `\n` can only be the last byte.
        case text(Range<Int>)
        /// A tag, set-delimiter tags included.
        case tag(Tag)
    }

    /// The source's UTF-8 bytes.
    let source: [UInt8]
    /// The template's name, for error locations.
    let template: String

    /// The tokens of the whole source, in order.
    ///
    /// - Throws: `unclosedTag`, `emptyTag`, `unsupportedTag` or `invalidDelimiters`, located at the tag.
    func tokens() throws(TemplateError) -> [Token] {
        var tokens: [Token] = []
        var opening: [UInt8] = Array("{{".utf8)
        var closing: [UInt8] = Array("}}".utf8)
        var position = 0
        while position < source.count {
            guard let tagStart = find(opening, from: position) else {
                appendText(position..<source.count, to: &tokens)
                break
            }
            appendText(position..<tagStart, to: &tokens)
            let contentStart = tagStart + opening.count
            var terminator = closing
            var sigilLength = 0
            if contentStart < source.count, source[contentStart] == UInt8(ascii: "{") {
                terminator = Array("}".utf8) + closing
                sigilLength = 1
            } else if contentStart < source.count, source[contentStart] == UInt8(ascii: "=") {
                terminator = Array("=".utf8) + closing
                sigilLength = 1
            }
            guard let contentEnd = find(terminator, from: contentStart + sigilLength) else {
                throw .unclosedTag(location(tagStart))
            }
            let tag = try makeTag(bytes: contentStart..<contentEnd, offset: tagStart)
            if tag.kind == .setDelimiters {
                (opening, closing) = try delimiters(tag)
            }
            tokens.append(.tag(tag))
            position = contentEnd + terminator.count
        }
        return tokens
    }

    /// Classifies a tag from its content bytes (between the delimiters, sigil included).
    private func makeTag(bytes: Range<Int>, offset: Int) throws(TemplateError) -> Tag {
        guard !bytes.isEmpty else { throw .emptyTag(location(offset)) }
        let kind: TagKind
        switch source[bytes.lowerBound] {
        case UInt8(ascii: "{"), UInt8(ascii: "&"): kind = .raw
        case UInt8(ascii: "#"): kind = .section
        case UInt8(ascii: "^"): kind = .invertedSection
        case UInt8(ascii: "/"): kind = .closing
        case UInt8(ascii: ">"): kind = .partial
        case UInt8(ascii: "!"): kind = .comment
        case UInt8(ascii: "="): kind = .setDelimiters
        case UInt8(ascii: "<"), UInt8(ascii: "$"):
            throw .unsupportedTag(String(decoding: source[bytes], as: UTF8.self), location(offset))
        default: kind = .variable
        }
        let hasSigil = kind != .variable
        let content = trimmed(source[(hasSigil ? bytes.lowerBound + 1 : bytes.lowerBound)..<bytes.upperBound])
        if content.isEmpty, kind != .comment {
            throw .emptyTag(location(offset))
        }
        return Tag(kind: kind, content: String(decoding: content, as: UTF8.self), offset: offset)
    }

    /// The two delimiters of a set-delimiter tag (`<% %>` in `{{=<% %>=}}`).
    private func delimiters(_ tag: Tag) throws(TemplateError) -> ([UInt8], [UInt8]) {
        let parts = tag.content.utf8.split(whereSeparator: Self.isWhitespace)
        guard parts.count == 2, !parts.contains(where: { $0.contains(UInt8(ascii: "=")) }) else {
            throw .invalidDelimiters(tag.content, location(tag.offset))
        }
        return (Array(parts[0]), Array(parts[1]))
    }

    /// Appends the text in `range`, cut after each `\n`.
    private func appendText(_ range: Range<Int>, to tokens: inout [Token]) {
        var start = range.lowerBound
        for index in range where source[index] == UInt8(ascii: "\n") {
            tokens.append(.text(start..<index + 1))
            start = index + 1
        }
        if start < range.upperBound {
            tokens.append(.text(start..<range.upperBound))
        }
    }

    /// The offset of the first occurrence of `needle` at or after `start`.
    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, source.count >= needle.count else { return nil }
        var index = start
        let last = source.count - needle.count
        while index <= last {
            if source[index] == first {
                var matched = 1
                while matched < needle.count, source[index + matched] == needle[matched] {
                    matched += 1
                }
                if matched == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    private func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var bytes = bytes
        while let first = bytes.first, Self.isWhitespace(first) { bytes.removeFirst() }
        while let last = bytes.last, Self.isWhitespace(last) { bytes.removeLast() }
        return bytes
    }

    private func location(_ offset: Int) -> TemplateLocation {
        TemplateLocation.of(offset: offset, in: source, template: template)
    }

    /// Space, tab, CR or LF: what may pad a tag's content.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
