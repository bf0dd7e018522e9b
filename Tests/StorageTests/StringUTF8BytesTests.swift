import Testing

@testable import Storage

struct StringUTF8BytesTests {
    /// Small (inline), large, empty, non-ASCII and sliced strings all give exactly their UTF-8.
    @Test(arguments: [
        "", "a", "fifteen bytes!!", "sixteen bytes!!!", "Zoë 名前 😀", String(repeating: "x", count: 5_000),
        String("  trimmed middle  ".dropFirst(2).dropLast(2)),
    ])
    func givesTheStringsUTF8(text: String) {
        #expect(text.withUTF8Bytes { Array($0) } == Array(text.utf8))
    }
}
