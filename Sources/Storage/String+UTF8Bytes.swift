extension String {
    /// Calls `body` with the string's UTF-8 bytes: in place where they are contiguous (every native string, small
    /// ones from a stack copy), else from a copy made native. `withUTF8` is mutating, so calling it on a `let`
    /// costs a copy of the string, a retain and a release, on paths that run for every field of every row.
    @inlinable
    public func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
