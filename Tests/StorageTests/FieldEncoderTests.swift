import TestSupport
import Testing

@testable import Storage

/// `FieldEncoder` writes the bytes `RecordWriter` writes, into memory sized beforehand by its `size(of…)`
/// functions; `RecordLog.append(size:_:)` frames them like any other record.
struct FieldEncoderTests {
    static let integers: [UInt64] = [
        0, 1, 127, 128, 255, 16_383, 16_384, 1 << 21 - 1, 1 << 21, 1_700_000_000_000, UInt64(Int64.max), .max,
    ]
    static let signed: [Int64] = [0, -1, 1, -64, 64, -65, 1_700_000_000_000, .min, .max]
    static let strings = [
        "", "a", "fifteen bytes!!", "sixteen bytes!!!", "ann.smith1234@example.com", "Zoë", "名前",
        String(repeating: "x", count: 100), String(repeating: "y", count: 200),
    ]

    @Test func sizesAndBytesMatchTheRecordWriter() {
        for value in Self.integers {
            var writer = RecordWriter()
            writer.writeVarUInt(value)
            #expect(FieldEncoder.size(ofVarUInt: value) == writer.bytes.count, "varint \(value)")
            #expect([UInt8].encoded(size: writer.bytes.count) { $0.writeVarUInt(value) } == writer.bytes)
        }
        for value in Self.signed {
            var writer = RecordWriter()
            writer.writeVarInt(value)
            #expect(FieldEncoder.size(ofVarInt: value) == writer.bytes.count, "zig-zag \(value)")
            #expect([UInt8].encoded(size: writer.bytes.count) { $0.writeVarInt(value) } == writer.bytes)
        }
        for value in Self.strings {
            var writer = RecordWriter()
            writer.writeString(value)
            let utf8 = Array(value.utf8)
            let length: [UInt8] =
                utf8.count < 128 ? [UInt8(utf8.count)] : [UInt8(utf8.count & 0x7F) | 0x80, UInt8(utf8.count >> 7)]
            #expect(writer.bytes == length + utf8, "length varint and UTF-8 of \(value)")
            #expect(FieldEncoder.size(ofString: value) == writer.bytes.count, "string \(value)")
            #expect([UInt8].encoded(size: writer.bytes.count) { $0.writeString(value) } == writer.bytes)
        }
    }

    /// Several fields into a writer that already holds bytes: appended after them, read back in order.
    @Test func writesAfterExistingBytesAndReadsBack() throws {
        var writer = RecordWriter(capacity: 4)
        writer.writeByte(9)
        for text in Self.strings {
            let size = 1 + FieldEncoder.size(ofString: text) + FieldEncoder.size(ofVarInt: -5)
            writer.write(size: size) { encoder in
                encoder.writeByte(7)
                encoder.writeString(text)
                encoder.writeVarInt(-5)
            }
        }
        let fields = try writer.bytes.withUnsafeBytes { raw in try Self.readFields(raw) }
        #expect(fields.first == 9)
        #expect(fields.texts == Self.strings)
        #expect(fields.bytes == Array(repeating: 7, count: Self.strings.count))
        #expect(fields.numbers == Array(repeating: -5, count: Self.strings.count))
    }

    /// The leading byte, then each (byte, string, zig-zag) triple.
    static func readFields(
        _ raw: UnsafeRawBufferPointer
    ) throws(StorageError) -> (first: UInt8, bytes: [UInt8], texts: [String], numbers: [Int64]) {
        var reader = RecordReader(raw)
        let first = try reader.readByte()
        var fields: ([UInt8], [String], [Int64]) = ([], [], [])
        while !reader.isAtEnd {
            fields.0.append(try reader.readByte())
            fields.1.append(try reader.readString())
            fields.2.append(try reader.readVarInt())
        }
        return (first, fields.0, fields.1, fields.2)
    }

    /// Records encoded in place into the log's buffer read back, also after reopening, among ordinary appends
    /// and across buffer flushes.
    @Test func recordLogAppendsEncodedRecords() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("encoded.log")
        let (log, _) = try RecordLogTests.readAll(path)
        var expected: [[UInt8]] = []
        var offsets: [Int64] = []
        for index in 0..<20_000 {
            let text = Self.strings[index % Self.strings.count]
            if index % 3 == 0 {
                let payload = Array("plain \(index)".utf8)
                offsets.append(try log.append(payload))
                expected.append(payload)
            } else {
                offsets.append(
                    try log.append(
                        size: FieldEncoder.size(ofString: text) + FieldEncoder.size(ofVarUInt: UInt64(index))
                    ) {
                        $0.writeString(text)
                        $0.writeVarUInt(UInt64(index))
                    })
                var writer = RecordWriter()
                writer.writeString(text)
                writer.writeVarUInt(UInt64(index))
                expected.append(writer.bytes)
            }
        }
        #expect(try log.read(at: offsets[7]) == expected[7])
        #expect(try log.read(at: offsets[19_999]) == expected[19_999])
        log.close()
        let (reopened, records) = try RecordLogTests.readAll(path)
        defer { reopened.close() }
        #expect(records == expected)
    }
}
