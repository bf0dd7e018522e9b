import Testing

@testable import Storage

struct RecordCodingTests {
    @Test func crc32cMatchesTheStandardCheckValue() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([]) == 0)
        let long = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let whole = CRC32C.checksum(long)
        let pieces = CRC32C.checksum(Array(long[333...]), previous: CRC32C.checksum(Array(long[..<333])))
        #expect(whole == pieces)
    }

    /// The CPU instruction, where used, agrees with the tables for every length and alignment and when continued.
    @Test func crc32cInstructionMatchesTheTables() {
        let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 151 &+ 7) }
        bytes.withUnsafeBytes { raw in
            for start in 0..<9 {
                for end in start...min(raw.count, start + 70) {
                    let piece = UnsafeRawBufferPointer(rebasing: raw[start..<end])
                    #expect(CRC32C.checksum(piece) == CRC32C.softwareChecksum(piece))
                    #expect(
                        CRC32C.checksum(piece, previous: 0x1234_5678)
                            == CRC32C.softwareChecksum(piece, previous: 0x1234_5678))
                }
            }
        }
    }

    @Test func writerAndReaderRoundTrip() {
        var writer = RecordWriter()
        let signed: [Int64] = [0, 1, -1, 63, -64, 1 << 40, .min, .max]
        let unsigned: [UInt64] = [0, 127, 128, 300, .max]
        for value in signed { writer.writeVarInt(value) }
        for value in unsigned { writer.writeVarUInt(value) }
        writer.writeString("")
        writer.writeString("Zoë ✓ ann@example.com")
        writer.writeUInt32(0xDEAD_BEEF)
        writer.writeUInt64(42)
        writer.writeBool(true)
        writer.writeBytes([1, 2, 3])
        writer.bytes.withUnsafeBytes { raw in
            var reader = RecordReader(raw)
            for value in signed { #expect((try? reader.readVarInt()) == value) }
            for value in unsigned { #expect((try? reader.readVarUInt()) == value) }
            #expect((try? reader.readString()) == "")
            #expect((try? reader.readString()) == "Zoë ✓ ann@example.com")
            #expect((try? reader.readUInt32()) == 0xDEAD_BEEF)
            #expect((try? reader.readUInt64()) == 42)
            #expect((try? reader.readBool()) == true)
            #expect((try? reader.readBytes()) == [1, 2, 3])
            #expect(reader.isAtEnd)
            #expect(throws: StorageError.self) { try reader.readByte() }
        }
    }

    /// Room left for a head is filled in at the end; truncating keeps the head room and drops the rest.
    @Test func writerOverwritesHeadRoomAndTruncates() {
        var writer = RecordWriter()
        writer.writeRaw([0, 0, 0])
        writer.writeString("body")
        writer.overwrite(at: 1, with: [7, 8])
        #expect(writer.bytes == [0, 7, 8, 4] + Array("body".utf8))
        writer.removeAll(keepingFirst: 3)
        #expect(writer.bytes == [0, 7, 8])
    }

    /// A string's bytes are never trusted: invalid UTF-8 (a stray continuation byte, a cut sequence, 0xFF) is
    /// repaired with U+FFFD, the valid bytes around it kept.
    @Test func readerRepairsInvalidUTF8() {
        var writer = RecordWriter()
        writer.writeBytes([0x61, 0x80, 0x62, 0xC3, 0xFF, 0x63, 0xE2, 0x9C])
        writer.writeBytes(Array("ok".utf8))
        writer.bytes.withUnsafeBytes { raw in
            var reader = RecordReader(raw)
            #expect((try? reader.readString()) == "a\u{FFFD}b\u{FFFD}\u{FFFD}c\u{FFFD}")
            #expect((try? reader.readString()) == "ok")
        }
    }

    @Test func readerRejectsTruncatedString() {
        var writer = RecordWriter()
        writer.writeString("hello")
        let cut = Array(writer.bytes.dropLast())
        cut.withUnsafeBytes { raw in
            var reader = RecordReader(raw)
            #expect(throws: StorageError.self) { try reader.readString() }
        }
    }
}
