/// What a `MultipartParser` found in the bytes it was fed, in body order.
///
/// For each part: one `partStart`, any number of `partData` (possibly none, possibly empty-free slices of
/// any size), one `partEnd`. The buffer of `partData` is only valid during the call that delivers it.
public enum MultipartEvent {
    /// A part begins; its header fields were read and validated.
    case partStart(MultipartPartHead)
    /// The next bytes of the current part's body: a slice of the fed input where possible, never empty.
    case partData(UnsafeRawBufferPointer)
    /// The current part's body is complete.
    case partEnd
}
