import TestSupport

/// The ways a streaming parser's input is cut into chunks in tests: whole, one byte at a time, at random points.
enum DripFeed: CustomStringConvertible, CaseIterable {
    case whole
    case byteByByte
    case randomSplits

    var description: String {
        switch self {
        case .whole: "whole"
        case .byteByByte: "byte by byte"
        case .randomSplits: "random splits"
        }
    }

    /// `bytes` cut into chunks; random cuts come from a fixed seed so a failure repeats.
    func chunks(_ bytes: [UInt8], seed: UInt64 = 0x5EED) -> [[UInt8]] {
        switch self {
        case .whole:
            return [bytes]
        case .byteByByte:
            return bytes.map { [$0] }
        case .randomSplits:
            var generator = SplitMix64(seed: seed &+ UInt64(bytes.count))
            var chunks: [[UInt8]] = []
            var start = 0
            while start < bytes.count {
                let length = Int(generator.next() % 7) + Int(generator.next() % 3 == 0 ? 0 : 1)
                let end = min(bytes.count, start + length)
                chunks.append(Array(bytes[start..<end]))
                start = end
            }
            return chunks
        }
    }
}
