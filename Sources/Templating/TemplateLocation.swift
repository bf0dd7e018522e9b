/// Where something is in a template's source: the template's name, a 1-based line and a 1-based column.
///
/// Columns count Unicode scalars from the start of the line, so a position reads the same in an editor
/// whatever the bytes before it on its line.
public struct TemplateLocation: Sendable, Hashable, CustomStringConvertible {
    /// The template's name in its library (`pages/import`).
    public var template: String
    /// The line, from 1; lines are ended by `\n` (a `\r` before it is part of the line ending).
    public var line: Int
    /// The column, from 1, counted in Unicode scalars.
    public var column: Int

    /// Makes a location from its parts.
    public init(template: String, line: Int, column: Int) {
        self.template = template
        self.line = line
        self.column = column
    }

    /// `template:line:column`, the form compilers and editors understand.
    public var description: String { "\(template):\(line):\(column)" }

    /// The location of the byte at `offset` in `source`, the UTF-8 text of `template`.
    static func of(offset: Int, in source: [UInt8], template: String) -> TemplateLocation {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, source.count) where source[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        var column = 1
        for index in lineStart..<min(offset, source.count) where source[index] & 0xC0 != 0x80 {
            // Continuation bytes (10xxxxxx) belong to the scalar before them.
            column += 1
        }
        return TemplateLocation(template: template, line: line, column: column)
    }
}
