import Foundation
import TestSupport
import Testing

@testable import HTTPWire

/// Runs every case of the llhttp request corpus (`shared/corpora/http-request-llhttp`) through `WireSession`, whole,
/// one byte at a time and at random split points, and checks the verdict against the corpus.
///
/// Where this parser deliberately disagrees with llhttp (its `expect`), the verdict expected here is in `deliberate`;
/// in every such case the second parser (h11) agrees with us or the RFC leaves the choice to the server:
///
/// | cases | llhttp | here | why |
/// | --- | --- | --- | --- |
/// | valid cases without `Host` (h11: "Missing mandatory Host") | valid | 400 | RFC 9112 §3.2: exactly one Host |
/// | 003 004 009 010 011 | invalid: data after `Connection: close` | first answered, rest never read | h11 alike |
/// | 046 `ANNOUNCE`, 056 `MKCOLA` | invalid (unknown method) | accepted | any token is a method (RFC 9110 §9.1) |
/// | 088 089 090 `ICE/1.0`, `RTSP/1.0` | valid | 400 | not HTTP; h11 alike |
/// | 116 `GET /` (HTTP/0.9) | valid | 400 | HTTP/0.9 is not spoken; h11 alike |
/// | 144 145 `gzip, chunked` | valid | 501 | unimplemented coding (RFC 9112 §6.1); h11 refuses too |
/// | 020 021 `Upgrade:` | paused for upgrade | answered; following bytes → 400 | Upgrade is ignored (RFC 9110 §7.8) |
/// | 078 079 080 164 `CONNECT` | paused for upgrade | 501 | not a proxy |
struct LLHTTPCorpusTests {
    enum Verdict: Equatable {
        /// Every message parsed; no byte left over.
        case accepted(messages: Int)
        /// Waiting for more bytes.
        case incomplete
        /// Refused with this status, after `messages` heads.
        case rejected(status: Int)
        /// A request asked to close and was the last one read.
        case answeredThenClosed(messages: Int)
    }

    struct Case: Sendable, CustomStringConvertible {
        let id: String
        let expect: String
        let messages: Int
        let h11Error: String
        let reason: String
        var description: String { id }
    }

    static let corpus: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpora/http-request-llhttp")

    static let cases: [Case] = {
        guard let text = try? String(contentsOf: corpus.appendingPathComponent("index.jsonl"), encoding: .utf8)
        else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                return nil
            }
            return Case(
                id: object["id"] as? String ?? "", expect: object["expect"] as? String ?? "",
                messages: object["messages_complete_in_llhttp_test_mode"] as? Int ?? 0,
                h11Error: object["h11_error"] as? String ?? "", reason: object["reason"] as? String ?? "")
        }
    }()

    /// Our verdict where it deliberately differs from llhttp's, by case number (see the table above).
    static let deliberate: [String: Verdict] = [
        "003": .answeredThenClosed(messages: 1), "004": .answeredThenClosed(messages: 1),
        "009": .answeredThenClosed(messages: 1), "010": .answeredThenClosed(messages: 1),
        "011": .answeredThenClosed(messages: 1), "046": .accepted(messages: 1), "056": .accepted(messages: 1),
        "088": .rejected(status: 400), "089": .rejected(status: 400), "090": .rejected(status: 400),
        "116": .rejected(status: 400), "144": .rejected(status: 501), "145": .rejected(status: 501),
        "020": .rejected(status: 400), "021": .rejected(status: 400),
        "078": .rejected(status: 501), "079": .rejected(status: 501), "080": .rejected(status: 501),
        "164": .rejected(status: 501),
    ]

    static func verdict(_ outcome: WireSession.Outcome) -> Verdict {
        switch outcome {
        case .complete(let messages): .accepted(messages: messages)
        case .closed(let messages, 0): .accepted(messages: messages)
        case .closed(let messages, _): .answeredThenClosed(messages: messages)
        case .incomplete: .incomplete
        case .rejected(let error, _): .rejected(status: error.status.code)
        }
    }

    func bytes(of item: Case) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Self.corpus.appendingPathComponent("cases/\(item.id).http")))
    }

    @Test func corpusIsPresent() {
        #expect(Self.cases.count == 166)
    }

    /// Framing and syntax, with the `Host` rule off so that llhttp's message counts can be compared.
    @Test(arguments: cases)
    func framingMatchesCorpus(_ item: Case) throws {
        let input = try bytes(of: item)
        let verdict = Self.verdict(WireSession.run(input, limits: WireLimits(requiresHost: false)).outcome)
        if let expected = Self.deliberate[String(item.id.prefix(3))] {
            #expect(verdict == expected)
            return
        }
        switch item.expect {
        case "valid":
            #expect(verdict == .accepted(messages: item.messages))
        case "invalid":
            guard case .rejected(let status) = verdict else {
                Issue.record("\(item.id) not rejected: \(verdict)")
                return
            }
            #expect(status >= 400)
        case "incomplete":
            #expect(verdict == .incomplete)
        default:
            // upgrade: whatever happens, it is decided; never a crash.
            break
        }
    }

    /// With the production limits, requests without `Host` are refused; nothing else changes.
    @Test(arguments: cases)
    func productionRulesRefuseMissingHost(_ item: Case) throws {
        let input = try bytes(of: item)
        let lax = Self.verdict(WireSession.run(input, limits: WireLimits(requiresHost: false)).outcome)
        let strict = Self.verdict(WireSession.run(input).outcome)
        if strict != lax {
            #expect(strict == .rejected(status: 400))
            let text = String(decoding: input, as: UTF8.self).lowercased()
            #expect(!text.contains("\r\nhost:"), "only a missing Host may change the verdict")
        }
    }

    /// The verdict does not depend on how the bytes are split.
    @Test(arguments: cases)
    func verdictIsIndependentOfSplits(_ item: Case) throws {
        let input = try bytes(of: item)
        let whole = WireSession.run(input).outcome
        let oneByOne = WireSession.run(input, splits: Array(0..<input.count))
        #expect(Self.verdict(oneByOne.outcome) == Self.verdict(whole))
        var generator = SplitMix64(seed: UInt64(item.id.prefix(3)) ?? 1)
        for _ in 0..<20 {
            let splits = (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                Int.random(in: 0...input.count, using: &generator)
            }
            let split = WireSession.run(input, splits: splits.sorted())
            #expect(split.outcome == whole, "splits \(splits.sorted())")
        }
    }
}
