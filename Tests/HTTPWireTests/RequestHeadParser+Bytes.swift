@testable import HTTPWire

extension RequestHeadParser {
    /// `parse(_:)` for an array, keeping the typed error (`withUnsafeBytes` only rethrows `any Error`).
    mutating func parse(_ bytes: [UInt8]) throws(WireError) -> HeadParseResult {
        var result: Result<HeadParseResult, WireError> = .success(.needMoreData)
        bytes.withUnsafeBytes { buffer in
            do throws(WireError) {
                result = .success(try parse(buffer))
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }
}
