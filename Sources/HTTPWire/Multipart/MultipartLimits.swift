/// The limits a `MultipartParser` enforces while it reads a `multipart/form-data` body.
///
/// Each limit guards memory or work that a client could otherwise make unbounded; exceeding one throws a
/// `MultipartError` answered with 413. Sizes of part bodies are not limited here: the consumer of the events
/// (e.g. the upload spooler) knows whether a part is a file or a text field and limits each accordingly.
public struct MultipartLimits: Sendable, Hashable {
    /// The most parts one body may hold; the 33rd part of a body throws `.tooManyParts`. Default 32.
    public var maxParts: Int
    /// The most bytes of one part's header block, line ends and the blank line included. Default 8 KiB.
    public var maxPartHeaderBytes: Int
    /// The most header fields in one part. Default 16.
    public var maxHeaderFieldsPerPart: Int

    /// Creates limits; every argument has the documented default.
    public init(maxParts: Int = 32, maxPartHeaderBytes: Int = 8 * 1024, maxHeaderFieldsPerPart: Int = 16) {
        precondition(maxParts >= 0 && maxPartHeaderBytes > 0 && maxHeaderFieldsPerPart > 0, "limits must be positive")
        self.maxParts = maxParts
        self.maxPartHeaderBytes = maxPartHeaderBytes
        self.maxHeaderFieldsPerPart = maxHeaderFieldsPerPart
    }
}
