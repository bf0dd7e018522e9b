/// One step of a compiled template; a template is a list of nodes rendered in order.
enum TemplateNode: Sendable {
    /// Literal bytes copied to the output.
    case text([UInt8])
    /// The start of a source line: emits the current partial indentation (nothing outside indented partials).
    case indent
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{& name}}` (raw).
    case variable(TemplateName, isEscaped: Bool)
    /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when inverted.
    case section(TemplateName, [TemplateNode], isInverted: Bool)
    /// `{{> name}}`; `indent` is the whitespace before a standalone partial tag, `nil` when inline.
    case partial(String, indent: [UInt8]?)
}

/// A name in a tag, split into its dotted parts once at parse time.
enum TemplateName: Sendable, Equatable {
    /// `.`: the top of the context stack.
    case implicit
    /// `a`: looked up through the context stack, from the top down.
    case key(TemplateKey)
    /// `a.b.c`: `a` is looked up through the context stack, then `b` and `c` inside it only.
    case path(TemplateKey, [TemplateKey])

    /// Parses `text`, the trimmed content of a tag.
    ///
    /// - Returns: `nil` for whitespace inside the name or an empty dotted part.
    init?(_ text: String) {
        if text == "." {
            self = .implicit
            return
        }
        guard !text.utf8.contains(where: TemplateScanner.isWhitespace) else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map { TemplateKey(String($0)) }
        guard !parts.contains(where: { $0.string.isEmpty }) else { return nil }
        self = parts.count == 1 ? .key(parts[0]) : .path(parts[0], Array(parts.dropFirst()))
    }
}
