import CSystemShims

/// Cache prefetching for tables probed at random (the directory's index): a row's probe is started a few rows
/// ahead, so its cache miss overlaps the rows before it instead of stalling its own.
public enum MemoryPrefetch {
    /// Starts bringing the cache line at `address` in, for writing; returns at once. Only a hint: any address will
    /// do, and nothing is read or written.
    @inlinable @inline(__always)
    public static func forWriting(_ address: UnsafeRawPointer) {
        csys_prefetch_for_writing(address)
    }
}
