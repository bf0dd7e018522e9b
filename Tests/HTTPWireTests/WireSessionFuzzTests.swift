import Foundation
import TestSupport
import Testing

@testable import HTTPWire

/// Mutated corpus requests: whatever the bytes, parsing ends in a verdict (never a crash), and the verdict does not
/// depend on how the bytes are split.
struct WireSessionFuzzTests {
    static let interesting: [UInt8] = [0x0D, 0x0A, 0x20, 0x09, 0x3A, 0x3B, 0x22, 0x00, 0x7F, 0xFF, 0x30, 0x61, 0x2C]

    static func mutate(_ bytes: [UInt8], using generator: inout SplitMix64) -> [UInt8] {
        var result = bytes
        for _ in 0..<Int.random(in: 1...3, using: &generator) where !result.isEmpty {
            let index = Int.random(in: 0..<result.count, using: &generator)
            let byte = interesting.randomElement(using: &generator) ?? 0
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: result[index] = byte
            case 1: result.insert(byte, at: index)
            default: result.remove(at: index)
            }
        }
        return result
    }

    @Test func mutatedRequestsGetTheSameVerdictHoweverSplit() throws {
        var generator = SplitMix64(seed: 2024)
        var rejected = 0
        for item in LLHTTPCorpusTests.cases where item.expect == "valid" {
            let original = [UInt8](
                try Data(contentsOf: LLHTTPCorpusTests.corpus.appendingPathComponent("cases/\(item.id).http")))
            for _ in 0..<40 {
                let input = Self.mutate(original, using: &generator)
                let whole = WireSession.run(input).outcome
                let drip = WireSession.run(input, splits: Array(0..<input.count)).outcome
                #expect(drip == whole, "\(item.id): \(input)")
                if case .rejected = whole { rejected += 1 }
            }
        }
        #expect(rejected > 0)
    }
}
