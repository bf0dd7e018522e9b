import Foundation
import HTTPWire
import Testing

@testable import Web

/// A 120 MiB file part goes to disk byte for byte while memory stays flat.
struct MultipartSpoolerMemoryTests {
    static let boundary = "----bigUpload"
    static let chunkSize = 64 * 1024
    static let chunkCount = 1920

    /// One 64 KiB block of CSV-like rows, CRLFs and near-copies of the delimiter; each chunk stamps its index
    /// into its first 8 bytes, so misplaced or repeated chunks are caught.
    static let block: [UInt8] = {
        let pattern = Array("a@example.com,Ann,Lee,New\r\n\r\n--\(boundary)-x\r\n--\(boundary)X\r\r\n--".utf8)
        return (0..<chunkSize).map { pattern[$0 % pattern.count] }
    }()

    static func chunk(_ index: Int) -> [UInt8] {
        var chunk = block
        withUnsafeBytes(of: UInt64(index).littleEndian) { chunk.replaceSubrange(0..<8, with: $0) }
        return chunk
    }

    /// Bytes of fresh memory this thread has touched so far: its minor page faults (`RUSAGE_THREAD`) times the
    /// page size. Unlike the process's resident size, other tests running in parallel do not move it.
    static func faultedBytes() -> Int {
        var usage = rusage()
        // RUSAGE_THREAD (1): glibc defines it only under _GNU_SOURCE, which Swift does not import.
        getrusage(__rusage_who_t(1), &usage)
        return usage.ru_minflt * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    @Test func largeFileIsSpooledWithFlatMemory() throws {
        let directory = try SpoolTestDirectory()
        defer { directory.remove() }
        let spooler = MultipartSpooler(boundary: try MultipartBoundary(Self.boundary), spoolDirectory: directory.path)
        let head = "--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"big.csv\"\r\n\r\n"
        try Array(head.utf8).withUnsafeBytes { try spooler.write($0) }

        let before = Self.faultedBytes()
        for index in 0..<Self.chunkCount {
            let chunk = Self.chunk(index)
            // Writes of varying size, from a few bytes to a whole chunk, as a socket delivers them.
            // Tiny writes for the first chunks only: they prove small pieces work, and in a debug build thousands of
            // them per chunk would make the test slow without making it stronger.
            let pieceSize = index < 32 ? [7, 1500][index % 2] : [16 * 1024, Self.chunkSize][index % 2]
            try chunk.withUnsafeBytes { raw in
                var start = 0
                while start < raw.count {
                    let end = min(raw.count, start + pieceSize)
                    try spooler.write(UnsafeRawBufferPointer(rebasing: raw[start..<end]))
                    start = end
                }
            }
        }
        try Array("\r\n--\(Self.boundary)--\r\n".utf8).withUnsafeBytes { try spooler.write($0) }
        try spooler.finish()
        // Holding the upload in memory would touch 120 MiB of fresh pages on this (the test's) thread.
        let grown = Self.faultedBytes() - before
        #expect(grown < 48 * 1024 * 1024, "spooling touched \(grown) bytes of fresh memory")

        let form = spooler.formData()
        let file = try #require(form.file("upload"))
        #expect(file.byteCount == Self.chunkSize * Self.chunkCount)
        let handle = try #require(FileHandle(forReadingAtPath: file.spoolPath))
        defer { try? handle.close() }
        for index in 0..<Self.chunkCount {
            let read = try #require(try handle.read(upToCount: Self.chunkSize))
            guard Array(read) == Self.chunk(index) else {
                Issue.record("chunk \(index) differs")
                break
            }
        }
        #expect(try handle.read(upToCount: 1)?.isEmpty ?? true)
        form.removeSpoolFiles()
        #expect(try directory.names().isEmpty)
    }
}
