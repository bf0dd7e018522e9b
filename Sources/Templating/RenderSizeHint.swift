import Synchronization

/// The size of the largest rendering of one template so far, shared by every thread rendering it.
///
/// Rendering reserves this many bytes up front, so that after the first few pages the output buffer
/// is allocated once and never grows. Updates are relaxed: a lost update only costs one regrowth later.
final class RenderSizeHint: Sendable {
    private let largest: Atomic<Int>

    /// A hint that starts at `initial` bytes.
    init(initial: Int) {
        largest = Atomic(initial)
    }

    /// The number of bytes to reserve for the next rendering.
    var bytes: Int { largest.load(ordering: .relaxed) }

    /// Notes that a rendering produced `count` bytes.
    func record(_ count: Int) {
        if count > largest.load(ordering: .relaxed) {
            largest.store(count, ordering: .relaxed)
        }
    }
}
