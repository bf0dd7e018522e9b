import Testing

@testable import Storage

struct WriteBufferTests {
    /// Appends in place and by copy keep every byte in order across growth, `withBytes(from:)` sees the tail, and
    /// `removeAll` starts over in the same memory.
    @Test func keepsTheBytesAcrossGrowth() {
        var buffer = WriteBuffer(capacity: 4)
        var expected: [UInt8] = []
        for round in 0..<300 {
            let value = UInt8(truncatingIfNeeded: round)
            if round.isMultiple(of: 2) {
                buffer.append(count: round % 7) { start in
                    for index in 0..<(round % 7) { start[index] = value &+ UInt8(index) }
                }
                expected += (0..<(round % 7)).map { value &+ UInt8($0) }
            } else {
                let bytes = [UInt8](repeating: value, count: round % 5)
                bytes.withUnsafeBytes { buffer.append($0) }
                expected += bytes
            }
        }
        #expect(buffer.count == expected.count)
        #expect(buffer.withBytes { Array($0) } == expected)
        #expect(buffer.withBytes(from: 10) { Array($0) } == Array(expected[10...]))
        buffer.removeAll()
        #expect(buffer.isEmpty && buffer.withBytes { $0.count } == 0)
        [UInt8]([1, 2, 3]).withUnsafeBytes { buffer.append($0) }
        #expect(buffer.withBytes { Array($0) } == [1, 2, 3])
    }
}
