extension TemplateValue {
    /// Whether a section shows (and an inverted section hides) for this value.
    ///
    /// `null`, `false`, empty strings, empty lists and empty objects are falsey; every integer, zero
    /// included, is truthy, as in the spec's reference implementation.
    var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let flag): return flag
        case .int: return true
        case .string(let string): return !string.isEmpty
        case .list(let elements): return !elements.isEmpty
        case .object(let members): return !members.isEmpty
        }
    }
}
