import HTTPWire

/// The limits a `MultipartSpooler` enforces on a form upload, on top of the parser's `MultipartLimits`.
///
/// Exceeding one throws an `UploadError` answered with 413; the server's body limit (`BodyDecision.stream`)
/// bounds the whole request besides.
public struct UploadLimits: Sendable, Hashable {
    /// The most bytes of one file part. Default 512 MiB: import files may be hundreds of MB.
    public var maxFileBytes: Int
    /// The most bytes of one text field. Default 8 KiB.
    public var maxTextFieldBytes: Int
    /// The most bytes of all text fields together. Default 64 KiB.
    public var maxTotalTextBytes: Int
    /// The most file parts in one upload. Default 4.
    public var maxFiles: Int
    /// How many file bytes are gathered before each `write(2)`. Default 256 KiB.
    public var writeBufferBytes: Int
    /// The limits of the multipart framing (parts, part headers).
    public var multipart: MultipartLimits

    /// Creates limits; every argument has the documented default.
    public init(
        maxFileBytes: Int = 512 * 1024 * 1024, maxTextFieldBytes: Int = 8 * 1024, maxTotalTextBytes: Int = 64 * 1024,
        maxFiles: Int = 4, writeBufferBytes: Int = 256 * 1024, multipart: MultipartLimits = MultipartLimits()
    ) {
        precondition(maxFileBytes >= 0 && maxTextFieldBytes >= 0 && maxTotalTextBytes >= 0 && maxFiles >= 0)
        precondition(writeBufferBytes > 0, "the write buffer must hold at least one byte")
        self.maxFileBytes = maxFileBytes
        self.maxTextFieldBytes = maxTextFieldBytes
        self.maxTotalTextBytes = maxTotalTextBytes
        self.maxFiles = maxFiles
        self.writeBufferBytes = writeBufferBytes
        self.multipart = multipart
    }
}
