/// One part of a name in a tag (`email` in `{{user.email}}`), prepared for fast lookups.
///
/// `String` equality is canonical equivalence, so in general a key can equal a string with other bytes.
/// For ASCII, only three scalars decompose canonically to ASCII: U+212A KELVIN SIGN to `K`, U+037E GREEK
/// QUESTION MARK to `;` and U+1FEF GREEK VARIA to `` ` `` (Unicode's canonical singletons). An ASCII key
/// without those three characters therefore equals exactly the strings with its bytes, and a string of
/// another UTF-8 length can be skipped without comparing it.
struct TemplateKey: Sendable, Equatable {
    /// The key as written in the template.
    let string: String
    /// Whether only a string with the same UTF-8 bytes can equal ``string``.
    let isByteComparable: Bool
    /// The UTF-8 length of ``string``.
    let length: Int

    /// Prepares `string`.
    init(_ string: String) {
        self.string = string
        self.length = string.utf8.count
        self.isByteComparable = string.utf8.allSatisfy { byte in
            byte < 0x80 && byte != UInt8(ascii: "K") && byte != UInt8(ascii: ";") && byte != UInt8(ascii: "`")
        }
    }

    /// The member of `members` named by this key, as `members[string]` would find it.
    ///
    /// Small objects, the usual row of a view model, are scanned rather than hashed: hashing with the
    /// dictionary's seeded hash costs more than skipping a few keys by length.
    @inline(__always)
    func member(of members: [String: TemplateValue]) -> TemplateValue? {
        guard isByteComparable, members.count <= 8 else { return members[string] }
        let keys = members.keys
        var index = keys.startIndex
        while index != keys.endIndex {
            let candidate = keys[index]
            if candidate.utf8.count == length, candidate == string { return members.values[index] }
            keys.formIndex(after: &index)
        }
        return nil
    }
}
