import Testing

@testable import HTTPWire

struct URLEncodedFormTests {
    private func parse(_ text: String, limits: URLEncodedForm.Limits = .init()) throws -> URLEncodedForm {
        try URLEncodedForm(parsing: Array(text.utf8), limits: limits)
    }

    @Test func keepsPairsInOrderWithRepeats() throws {
        let form = try parse("b=2&a=1&b=3")
        #expect(form.pairs.map(\.name) == ["b", "a", "b"])
        #expect(form.value("b") == "2")
        #expect(form.values(named: "b") == ["2", "3"])
        #expect(form.value("missing") == nil)
    }

    @Test func decodesPlusAndPercentEscapes() throws {
        let form = try parse("full+name=Ana%20Mar%C3%ADa+L%C3%B3pez&sym=%2B%26%3D%25")
        #expect(form.value("full name") == "Ana María López")
        #expect(form.value("sym") == "+&=%")
    }

    @Test func handlesMissingValuesAndEmptySequences() throws {
        let form = try parse("&flag&empty=&=anonymous&&x=a=b")
        #expect(form.pairs.count == 4)
        #expect(form.value("flag") == "")
        #expect(form.value("empty") == "")
        #expect(form.value("") == "anonymous")
        #expect(form.value("x") == "a=b")
        #expect(try parse("").isEmpty)
    }

    @Test(arguments: [
        ("a=%zz", 2), ("a=%4", 2), ("a=1&b=%", 6), ("%g1=x", 0), ("ab%2", 2),
    ])
    func rejectsInvalidPercentEscapes(input: String, offset: Int) {
        #expect(throws: URLEncodedForm.Error.invalidPercentEncoding(offset: offset)) { try parse(input) }
    }

    @Test func rejectsBytesThatAreNotUTF8() {
        #expect(throws: URLEncodedForm.Error.invalidUTF8(offset: 2)) { try parse("a=%FF%FE") }
    }

    @Test func enforcesByteAndPairLimits() throws {
        let limits = URLEncodedForm.Limits(maxBytes: 10, maxPairs: 2)
        #expect(throws: URLEncodedForm.Error.tooLarge(limit: 10)) { try parse("a=12345678901", limits: limits) }
        #expect(throws: URLEncodedForm.Error.tooManyPairs(limit: 2)) { try parse("a&b&c", limits: limits) }
        #expect(try parse("a&b&&", limits: limits).pairs.count == 2)
    }

    @Test func errorsCarryTheirStatus() {
        #expect(URLEncodedForm.Error.tooLarge(limit: 1).status == .contentTooLarge)
        #expect(URLEncodedForm.Error.tooManyPairs(limit: 1).status == .badRequest)
        #expect(URLEncodedForm.Error.invalidPercentEncoding(offset: 0).status == .badRequest)
        #expect(!URLEncodedForm.Error.invalidUTF8(offset: 3).publicMessage.isEmpty)
    }

    @Test func parsesQueryStrings() throws {
        let query = try URLEncodedForm(query: "next=%2Fenrollment%2Fimport&page=2")
        #expect(query.value("next") == "/enrollment/import")
        #expect(query.value("page") == "2")
    }

    @Test func encodesQueryValuesAndDecodesThemBack() throws {
        #expect(URLEncodedForm.encode("a b&c=d/é~._-") == "a%20b%26c%3Dd%2F%C3%A9~._-")
        #expect(URLEncodedForm.encode("/enrollment/import?x=1", keepingSlash: true) == "/enrollment/import%3Fx%3D1")
        for text in ["", "plain", "a+b c", "100% é/ü?&=#", "\u{1F600}"] {
            #expect(try URLEncodedForm.decode(URLEncodedForm.encode(text), plusAsSpace: true) == text)
        }
    }

    @Test func pathDecodingKeepsPlus() throws {
        #expect(try URLEncodedForm.decode("a+b%20c", plusAsSpace: false) == "a+b c")
        #expect(try URLEncodedForm.decode("a+b", plusAsSpace: true) == "a b")
    }
}
