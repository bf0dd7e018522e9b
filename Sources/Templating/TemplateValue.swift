/// The data a template is rendered with: strings, numbers, Booleans, lists and objects.
///
/// Sections iterate lists, show once for a true Boolean, any integer (zero included) or a non-empty
/// object/string, and hide for `false`, `null`, empty lists, empty objects and empty strings (Mustache
/// spec, "sections"). Interpolation writes strings (escaped by `{{name}}`), integers in decimal and
/// Booleans as `true`/`false`; `null`, a missing name, lists and objects write nothing.
public enum TemplateValue: Sendable, Equatable {
    /// No value; renders as empty and is falsey, like a missing name.
    case null
    /// A Boolean: a section shows once for `true`.
    case bool(Bool)
    /// An integer, rendered in decimal.
    case int(Int)
    /// Text, HTML-escaped by `{{name}}` and written as it is by `{{{name}}}`.
    case string(String)
    /// A list: a section renders once per element, with the element on top of the context stack.
    case list([TemplateValue])
    /// An object: its members are looked up by name; a section over it pushes it on the context stack.
    case object([String: TemplateValue])
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(nilLiteral: ()) { self = .null }
}
