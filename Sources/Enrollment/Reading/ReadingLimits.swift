/// The limits applied while reading an uploaded file; exceeding one refuses the file whole.
public struct ReadingLimits: Sendable, Equatable {
    /// Largest accepted file, in bytes as uploaded. Default 512 MiB.
    public var maxFileBytes: Int
    /// Most data rows of an import (the header not counted), or entries of a bulk invite. Default 2,000,000.
    public var maxRows: Int
    /// Longest record (or invite entry), in UTF-8 bytes; bounds memory when a quote is never closed.
    /// Default 1 MiB.
    public var maxRecordBytes: Int
    /// Bytes read from the file at a time. Default 256 KiB.
    public var chunkBytes: Int

    /// Limits with the documented defaults unless given.
    public init(
        maxFileBytes: Int = 512 << 20, maxRows: Int = 2_000_000, maxRecordBytes: Int = 1 << 20,
        chunkBytes: Int = 256 << 10
    ) {
        precondition(chunkBytes > 0 && maxRecordBytes > 0, "limits must be positive")
        self.maxFileBytes = maxFileBytes
        self.maxRows = maxRows
        self.maxRecordBytes = maxRecordBytes
        self.chunkBytes = chunkBytes
    }

    /// A byte count in words: "512 MiB", "1 KiB", "100 bytes".
    static func describeBytes(_ count: Int) -> String {
        if count >= 1 << 20 && count % (1 << 20) == 0 { return "\(count >> 20) MiB" }
        if count >= 1 << 10 && count % (1 << 10) == 0 { return "\(count >> 10) KiB" }
        return "\(count) bytes"
    }
}
