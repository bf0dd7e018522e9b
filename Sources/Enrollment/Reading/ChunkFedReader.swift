/// A streaming reader of one kind of upload (`ImportReader`, `InviteReader`): fed the file's bytes a chunk at a
/// time, then finished, handing over its events in file order. `FileChunks.feed(path:limits:to:_:)` runs one
/// over a whole file.
public protocol ChunkFedReader {
    /// What the reader hands over.
    associatedtype Event: Sendable

    /// Consumes the next chunk, calling `onEvent` for each event it completes.
    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ onEvent: (consuming Event) throws(FileRefusal) -> Void)
        throws(FileRefusal)

    /// Ends the file, calling `onEvent` for what the last chunk left; throws when the file must be refused whole.
    mutating func finish(_ onEvent: (consuming Event) throws(FileRefusal) -> Void) throws(FileRefusal)
}
