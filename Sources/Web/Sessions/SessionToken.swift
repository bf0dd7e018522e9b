/// Unguessable tokens for session ids and CSRF tokens, and their constant-time comparison.
public enum SessionToken {
    /// 256 random bits as 64 lowercase hexadecimal characters.
    ///
    /// `SystemRandomNumberGenerator` draws from the operating system's cryptographic generator
    /// (`getrandom(2)` on Linux, `arc4random_buf` on Darwin), so tokens cannot be predicted from earlier ones.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for _ in 0..<4 {
            var word = generator.next() as UInt64
            for _ in 0..<16 {
                text.append(digits[Int(word & 0x0F)])
                word >>= 4
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether `a` and `b` are equal, taking the same time wherever they differ, so that a client cannot learn
    /// a token byte by byte from response times. Only the length leaks, and every token has the same length.
    public static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }

    /// Whether `text` has the shape of a token (64 lowercase hex digits); anything else is not looked up.
    static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 64
            && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
