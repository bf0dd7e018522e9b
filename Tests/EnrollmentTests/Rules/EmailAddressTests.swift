import Foundation
import Testing

@testable import Enrollment

struct EmailAddressTests {
    /// One case of the email corpus.
    struct Case: Decodable {
        var n: Int?
        var id: Int?
        var input: String
        var isWHATWGValid: Bool

        enum CodingKeys: String, CodingKey {
            case n, id, input
            case isWHATWGValid = "whatwg_valid"
        }
    }

    /// The cases of a JSON Lines file in the email corpus. (`JSONDecoder`, because `JSONSerialization` on Linux
    /// drops a U+FEFF inside a string, and one case is exactly that.)
    static func corpus(_ name: String) throws -> [Case] {
        let url = TestFiles.shared.appendingPathComponent("corpora/email-addresses/\(name)")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Case.self, from: Data($0.utf8)) }
    }

    @Test(arguments: ["whatwg-cases.jsonl", "isemail-cases.jsonl"])
    func agreesWithTheWHATWGVerdictOfEveryCorpusCase(file: String) throws {
        let cases = try Self.corpus(file)
        #expect(cases.count > 80)
        for entry in cases {
            #expect(
                EmailAddress.isValid(entry.input) == entry.isWHATWGValid,
                "\(file) \(entry.n ?? entry.id ?? 0): \(entry.input.debugDescription)")
        }
    }

    @Test(arguments: [
        ("a@b", true), (".a..b.@example.com", true), ("x@a-b.c-d.e", true), ("Kore.aiUser1@kore.com", true),
        ("=cmd@example.com", true), ("a@\(String(repeating: "x", count: 63)).com", true),
        ("a@\(String(repeating: "x", count: 64)).com", false), ("a@-b.com", false), ("a@b-.com", false),
        ("a@b..com", false), ("a@b.com.", false), ("@b.com", false), ("a@", false), ("a b@c.d", false),
        ("a@b@c", false), ("zoë@example.com", false), ("a@exämple.com", false), (" a@b.com", false), ("", false),
    ])
    func checksTheGrammar(address: String, isValid: Bool) {
        #expect(EmailAddress.isValid(address) == isValid)
    }

    /// Every single-byte local part: exactly RFC 5322's atext and "." pass, so the bit masks hold that list.
    @Test func acceptsExactlyAtextAndDotInTheLocalPart() {
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-".utf8)
        for byte in UInt8(0)...UInt8(255) {
            let address = [byte] + Array("@example.com".utf8)
            let verdict = address.withUnsafeBufferPointer { EmailAddress.isValid($0) }
            #expect(verdict == atext.contains(byte), "byte \(byte)")
        }
    }

    /// Every single-byte domain: exactly letters and digits pass (a label neither starts nor ends with "-"), and
    /// a hyphen passes inside a label.
    @Test func acceptsExactlyLettersDigitsAndInnerHyphensInTheDomain() {
        let alphanumerics = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
        for byte in UInt8(0)...UInt8(255) {
            let single = Array("a@".utf8) + [byte]
            let inner = Array("a@x".utf8) + [byte] + Array("y.org".utf8)
            #expect(
                single.withUnsafeBufferPointer { EmailAddress.isValid($0) } == alphanumerics.contains(byte),
                "byte \(byte)")
            #expect(
                inner.withUnsafeBufferPointer { EmailAddress.isValid($0) }
                    == (alphanumerics.contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")),
                "byte \(byte)")
        }
    }
}
