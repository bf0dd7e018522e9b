extension Array where Element == UInt8 {
    /// `withUnsafeBytes` that keeps the error type (the standard one only rethrows `any Error`).
    func withBytes<Result>(
        _ body: (UnsafeRawBufferPointer) throws(StorageError) -> Result
    ) throws(StorageError) -> Result {
        try withUnsafeBytes { raw in Swift.Result { () throws(StorageError) -> Result in try body(raw) } }.get()
    }

    /// `withUnsafeMutableBytes` that keeps the error type.
    mutating func withMutableBytes<Result>(
        _ body: (UnsafeMutableRawBufferPointer) throws(StorageError) -> Result
    ) throws(StorageError) -> Result {
        try withUnsafeMutableBytes { raw in Swift.Result { () throws(StorageError) -> Result in try body(raw) } }
            .get()
    }
}
