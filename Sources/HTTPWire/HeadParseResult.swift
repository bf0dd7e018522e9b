/// What a `RequestHeadParser` made of the bytes fed so far.
public enum HeadParseResult: Sendable {
    /// The head is not complete; every byte fed was kept and the next call continues where this one stopped.
    case needMoreData
    /// The head is complete. `consumedBytes` counts the bytes of the last buffer that belong to the head; the rest
    /// (body, or the next pipelined request) is the caller's. The parser is ready for the next head.
    case complete(RequestHead, consumedBytes: Int)
}
