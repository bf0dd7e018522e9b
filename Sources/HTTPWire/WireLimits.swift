/// The size limits applied while parsing a request, each with the status its breach gets.
///
/// Built once at start-up and shared read-only. The defaults follow common servers (nginx, NIO) and are far above
/// what browsers send.
public struct WireLimits: Sendable, Equatable {
    /// Longest request line, leading empty lines and CRLF included (default 8 KiB); longer → 414.
    public var maxRequestLineLength: Int
    /// Longest header section, from the first field line to the final CRLF included (default 32 KiB); longer → 431.
    public var maxHeaderSectionLength: Int
    /// Most header fields in one request (default 100); more → 431.
    public var maxHeaderCount: Int
    /// Longest chunk extension, from `;` to the CR (default 1 KiB); longer → 400.
    public var maxChunkExtensionLength: Int
    /// Longest trailer section of a chunked body (default 8 KiB); longer → 431. Trailers are read and discarded.
    public var maxTrailerSectionLength: Int
    /// Whether an HTTP/1.1 request must carry exactly one `Host` field (default true, RFC 9112 §3.2).
    /// Tests turn it off to compare framing with parsers that do not check it.
    public var requiresHost: Bool

    public init(
        maxRequestLineLength: Int = 8 * 1024,
        maxHeaderSectionLength: Int = 32 * 1024,
        maxHeaderCount: Int = 100,
        maxChunkExtensionLength: Int = 1024,
        maxTrailerSectionLength: Int = 8 * 1024,
        requiresHost: Bool = true
    ) {
        self.maxRequestLineLength = maxRequestLineLength
        self.maxHeaderSectionLength = maxHeaderSectionLength
        self.maxHeaderCount = maxHeaderCount
        self.maxChunkExtensionLength = maxChunkExtensionLength
        self.maxTrailerSectionLength = maxTrailerSectionLength
        self.requiresHost = requiresHost
    }

    /// The defaults.
    public static let standard = WireLimits()
}
