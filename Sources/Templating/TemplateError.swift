/// Everything that can go wrong loading, parsing or rendering templates.
///
/// Syntax errors carry the ``TemplateLocation`` of the tag at fault (for an unclosed section, the tag that
/// opened it); ``description`` reads `pages/import:12:5: unclosed section "rows"`.
public enum TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A tag was opened but its closing delimiter never comes.
    case unclosedTag(TemplateLocation)
    /// A tag holds nothing but whitespace where a name is required (`{{ }}`, `{{# }}`, `{{> }}`).
    case emptyTag(TemplateLocation)
    /// A name is malformed: whitespace inside it, or an empty part of a dotted name (`a..b`, `.a`, `a.`).
    case invalidName(String, TemplateLocation)
    /// A tag this engine does not implement (`{{<parent}}` and `{{$block}}` inheritance).
    case unsupportedTag(String, TemplateLocation)
    /// A section or inverted section is never closed; the location is its opening tag.
    case unclosedSection(String, TemplateLocation)
    /// A closing tag names another section than the innermost open one.
    case mismatchedClosingTag(expected: String, found: String, TemplateLocation)
    /// A closing tag with no section open.
    case unexpectedClosingTag(String, TemplateLocation)
    /// A set-delimiter tag does not hold exactly two delimiters free of whitespace and `=`.
    case invalidDelimiters(String, TemplateLocation)
    /// A template's file is not valid UTF-8.
    case invalidEncoding(template: String)
    /// The template folder or one of its files cannot be read; `reason` is the system's message.
    case unreadable(path: String, reason: String)
    /// ``TemplateLibrary/render(_:_:)`` was asked for a template the library does not hold.
    case unknownTemplate(String)
    /// Partials nested deeper than the library's `partialDepthLimit` while rendering (usually a partial
    /// that includes itself without a section that ends the recursion).
    case partialsTooDeep(template: String, limit: Int)

    /// The location of a syntax error, `nil` for the other cases.
    public var location: TemplateLocation? {
        switch self {
        case .unclosedTag(let location), .emptyTag(let location), .invalidName(_, let location),
            .unsupportedTag(_, let location), .unclosedSection(_, let location),
            .mismatchedClosingTag(_, _, let location), .unexpectedClosingTag(_, let location),
            .invalidDelimiters(_, let location):
            return location
        case .invalidEncoding, .unreadable, .unknownTemplate, .partialsTooDeep:
            return nil
        }
    }

    /// A one-line message naming the template, and for syntax errors the line and column.
    public var description: String {
        switch self {
        case .unclosedTag(let location):
            return "\(location): unclosed tag"
        case .emptyTag(let location):
            return "\(location): empty tag"
        case .invalidName(let name, let location):
            return "\(location): invalid name \"\(name)\""
        case .unsupportedTag(let tag, let location):
            return "\(location): unsupported tag \"\(tag)\""
        case .unclosedSection(let name, let location):
            return "\(location): unclosed section \"\(name)\""
        case .mismatchedClosingTag(let expected, let found, let location):
            return "\(location): closing tag \"\(found)\" does not match open section \"\(expected)\""
        case .unexpectedClosingTag(let name, let location):
            return "\(location): closing tag \"\(name)\" without an open section"
        case .invalidDelimiters(let content, let location):
            return "\(location): invalid delimiters \"\(content)\""
        case .invalidEncoding(let template):
            return "\(template): not valid UTF-8"
        case .unreadable(let path, let reason):
            return "\(path): cannot read templates: \(reason)"
        case .unknownTemplate(let name):
            return "unknown template \"\(name)\""
        case .partialsTooDeep(let template, let limit):
            return "\(template): partials nested deeper than \(limit)"
        }
    }
}
