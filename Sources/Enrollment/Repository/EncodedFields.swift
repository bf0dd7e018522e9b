/// The length-prefixed fields at the start of an encoding this module made itself (a user's record, a row's
/// cells): walked by hand, without `RecordReader`'s checks and throws, on paths taken once or more a row. The
/// bytes must hold the fields; reading past them traps.
enum EncodedFields {
    /// Calls `body` with the index and byte range of each of the first `count` fields of `bytes`; returns the
    /// position after the last of them.
    @inline(__always)
    @discardableResult
    static func walk(
        _ bytes: UnsafeBufferPointer<UInt8>, count: Int, _ body: (_ index: Int, _ range: Range<Int>) -> Void
    ) -> Int {
        var position = 0
        for index in 0..<count {
            var length = 0
            var shift = 0
            var byte: UInt8
            repeat {
                byte = bytes[position]
                position += 1
                length |= Int(byte & 0x7F) << shift
                shift += 7
            } while byte & 0x80 != 0
            let range = position..<position + length
            position += length
            body(index, range)
        }
        return position
    }
}
